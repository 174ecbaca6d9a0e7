"""Every page of the permission walk, for every role, is Chinese in Chinese mode.

The walk's world and table (test_permission_walk.py) give every page a user can open; each page that
answers 200 with HTML is read as a person reads it: the text between tags and the attributes a screen
shows or reads out (title, placeholder, aria-label, alt, the label of a button), without scripts and
styles. A Latin word there is an English leftover (a msgid without gettext, or without a translation)
unless the allowlist below explains it.

A Latin word is judged as the acceptance check (shared/checks/chinese_pages.py) judges it: a letter
followed by two or more letters, apostrophes or hyphens, compared in lower case.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING

import pytest
from django.conf import settings
from django.test import Client, override_settings

from . import test_permission_walk as walk
from .test_permission_walk import ROLES, TABLE, World, _url, _user

if TYPE_CHECKING:
    from django.contrib.auth.models import User

world = walk.world  # the walk's world, a fixture under its own name

LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{2,}")

ALLOWED = {
    # the walk's own data: user names (first name = user name), file names, and the tags and
    # bulletins it names after their variant (标签own, 通报 other)
    *("office", "leader", "supervision", "clerk", "unit", "lead", "counit", "outsider"),
    *("plan", "revised", "own", "other"),
    # the office's colleague, an account the award's panel form offers among every user
    "colleague",
    # the address of the walk's webhook endpoint (https://example.org/hook), data the office typed
    *("https", "example", "org", "hook"),
    # file kinds and programs, named as people know them (.pdf, .xlsx, Excel) and an encoding (utf-8)
    *("pdf", "txt", "html", "doc", "docx", "xls", "xlsx", "csv", "png", "jpeg", "gif", "webp"),
    *("excel", "word", "utf-"),
    # keys as printed on the keyboard (按住 Ctrl（或 Cmd）)
    *("ctrl", "cmd"),
    # the language switch offers English in its own name
    "english",
    # the product's name
    "reformtrack",
}

# the attributes a person sees or hears; everything else (href, class, data-*) is code
VISIBLE_ATTRIBUTES = {"title", "placeholder", "aria-label", "alt"}
BUTTON_INPUTS = {"submit", "button", "reset"}


class VisibleText(HTMLParser):
    """The text of a page as a person reads it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0  # depth inside <script> / <style>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._hidden += 1
        values = dict(attrs)
        self.parts += [value for name, value in attrs if name in VISIBLE_ATTRIBUTES and value]
        if tag == "input" and values.get("type") in BUTTON_INPUTS and values.get("value"):
            self.parts.append(values["value"] or "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The text of ``html`` a person sees or hears, its pieces joined by spaces."""
    parser = VisibleText()
    parser.feed(html)
    parser.close()
    # the footer names the licence by its SPDX identifier, as the acceptance check allows
    return " ".join(parser.parts).replace("AGPL-3.0-or-later", " ")


def latin_words(html: str) -> list[str]:
    """The Latin words of ``html``'s visible text that the allowlist does not explain."""
    return [word for word in LATIN_WORD.findall(visible_text(html)) if word.lower() not in ALLOWED]


def _in_context(html: str) -> str:
    """Each leftover word with the text around it, for the failure message."""
    text = " ".join(visible_text(html).split())
    return "; ".join(
        f"…{text[max(0, m.start() - 15) : m.end() + 15]}…"
        for m in LATIN_WORD.finditer(text)
        if m.group().lower() not in ALLOWED
    )


GET_ROWS = [row for row in TABLE if row.method == "GET"]


def _pages(client: Client, world: World) -> dict[str, str]:
    found: dict[str, str] = {}
    for row in GET_ROWS:
        url = _url(row, world)
        response = client.get(url)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        html = response.content.decode()
        if latin_words(html):
            found[f"{row.id} {url}"] = _in_context(html)
    return found


@pytest.mark.parametrize("role", ROLES)
def test_every_page_a_role_opens_is_chinese(
    role: str, world: World, client: Client, request: pytest.FixtureRequest
) -> None:
    # every role's account exists first: the walk's parameters make some objects for their owners
    users = {name: _user(name, request) for name in ROLES}
    user: User | None = users[role]
    if user is not None:
        client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"

    found = _pages(client, world)

    assert not found, "\n".join(f"{page}: {words}" for page, words in found.items())


@override_settings(DEBUG=False)
def test_a_missing_page_is_chinese(client: Client, office_user: User) -> None:
    client.force_login(office_user)

    response = client.get("/projects/99999999/")

    assert response.status_code == 404
    assert not latin_words(response.content.decode())


def test_it_catches_an_english_word_in_text_and_in_visible_attributes() -> None:
    assert latin_words("<p>进展 saved</p>") == ["saved"]
    assert latin_words('<input type="submit" value="Save"><a title="Open">打开</a>') == ["Save", "Open"]
    assert latin_words('<script>var x = "hello";</script><a href="/projects/" class="btn">项目</a>') == []
    assert latin_words("<p>clerk 上传了 a.pdf，完成 50%（Excel）</p>") == []
