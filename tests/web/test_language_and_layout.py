"""Chinese first, English on request; the layout's assets come from npm through the app itself."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from reformtrack.vendor import NODE_MODULES_DIR, TARGET_DIR

pytestmark = pytest.mark.django_db

LOCALE = Path(settings.LOCALE_PATHS[0]) / "zh_Hans" / "LC_MESSAGES"
# the project's catalogue (base templates, core, accounts, ledger, web) and each domain app's own
CATALOGUES = [LOCALE, *sorted(LOCALE.parents[2].glob("*/locale/zh_Hans/LC_MESSAGES"))]

# The files the pages load from npm packages (package.json), served under static/vendor/.
VENDOR_FILES = ["vendor/bootstrap/dist/css/bootstrap.min.css", "vendor/chart.js/dist/chart.umd.min.js"]


def test_it_speaks_chinese_by_default(client: Client, office_user: User) -> None:
    client.force_login(office_user)

    text = client.get(reverse("ledger:project_list")).content.decode()

    assert '<html lang="zh-hans">' in text
    assert "项目库" in text and "牵头单位" in text
    assert "Project library" not in text


def test_it_switches_to_english_from_the_nav(client: Client, office_user: User) -> None:
    client.force_login(office_user)
    page = reverse("ledger:project_list")

    response = client.post(reverse("set_language"), {"language": "en", "next": page})
    text = client.get(page).content.decode()

    assert response.status_code == 302 and response["Location"] == page
    assert '<html lang="en">' in text
    assert "Project library" in text and "Lead units" in text


def test_the_nav_offers_both_languages_without_javascript(client: Client, office_user: User) -> None:
    client.force_login(office_user)

    text = client.get(reverse("web:dashboard")).content.decode()

    form = text[text.index('data-testid="language-form"') :]
    form = form[: form.index("</form>")]
    assert 'name="language" value="zh-hans"' in form and 'name="language" value="en"' in form
    assert form.index("zh-hans") < form.index('value="en"')  # Chinese first


def test_there_is_a_catalogue_for_each_app_that_has_strings_of_its_own() -> None:
    apps = {path.parents[2].name for path in CATALOGUES[1:]}
    assert {"imports", "jobs", "reminders", "reporting", "status", "supervision"} <= apps


@pytest.mark.parametrize("locale", CATALOGUES, ids=lambda path: path.parents[2].name)
def test_every_string_is_translated_and_compiled(locale: Path) -> None:
    po = (locale / "django.po").read_text(encoding="utf-8")
    with (locale / "django.mo").open("rb") as mo:
        catalog = gettext.GNUTranslations(mo)
    # makemessages --no-wrap: one line per msgid and msgstr
    singular = re.findall(r'^(?:msgctxt "(.*)"\n)?msgid "(.+)"\nmsgstr "(.*)"$', po, flags=re.MULTILINE)
    assert len(singular) > 20

    def text(escaped: str) -> str:
        return escaped.encode().decode("unicode_escape").encode("latin-1").decode("utf-8")

    for context, msgid, msgstr in singular:
        assert msgstr, f"untranslated: {msgid}"
        source, target = text(msgid), text(msgstr)
        found = catalog.pgettext(text(context), source) if context else catalog.gettext(source)
        assert found == target, f"django.mo is older than django.po: {msgid}"
    assert 'msgstr ""\n\n' not in po.split("\n\n", 1)[1], "an empty translation"


def test_the_pages_load_no_asset_from_another_site(client: Client, office_user: User) -> None:
    client.force_login(office_user)

    text = client.get(reverse("web:dashboard")).content.decode()

    assert not re.search(r'(src|href)="(https?:)?//', text)
    for path in VENDOR_FILES:
        if path.endswith(".css"):
            assert f'href="/static/{path}"' in text


@pytest.mark.parametrize("path", VENDOR_FILES)
def test_the_npm_files_are_served_by_the_app(path: str) -> None:
    found = finders.find(path)

    assert found, f"{path} not found: run `make install` (npm ci and the copy into static/) first"
    # the copy built into the package (reformtrack/vendor.py), the same bytes as the npm package's file
    assert Path(str(found)).is_relative_to(TARGET_DIR)
    assert Path(str(found)).read_bytes() == (NODE_MODULES_DIR / path.removeprefix("vendor/")).read_bytes()


def test_the_layout_works_for_phones_and_without_javascript(client: Client, office_user: User) -> None:
    client.force_login(office_user)

    text = client.get(reverse("ledger:project_list")).content.decode()

    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in text
    # the list needs no JavaScript: one script folds the menu on a phone (without it the <noscript>
    # stylesheet keeps the menu open), the other only adds a filter box above the long selects
    # (tests/browser/test_form_controls.py uses the list with JavaScript off)
    assert sorted(re.findall(r"<script[^>]*>", text)) == [
        '<script src="/static/reformtrack/forms.js" defer>',
        '<script src="/static/vendor/bootstrap/dist/js/bootstrap.bundle.min.js" defer>',
    ]
    assert '<noscript><link rel="stylesheet" href="/static/reformtrack/site-nojs.css"></noscript>' in text
    assert 'data-testid="nav-projects"' in text


def test_the_500_page_renders_without_a_request() -> None:
    text = render_to_string("500.html")

    assert 'data-testid="error-500"' in text
    assert "服务器错误" in text
