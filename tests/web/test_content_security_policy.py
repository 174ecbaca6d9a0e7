"""Every page carries a strict Content-Security-Policy, and no template needs an exception to it."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from reformtrack.core.positions import left_class, stylesheet, width_class

pytestmark = pytest.mark.django_db

TEMPLATES = sorted(Path(settings.PACKAGE_DIR).rglob("templates/**/*.html"))
POSITIONS_CSS = Path(settings.PACKAGE_DIR) / "static" / "reformtrack" / "positions.css"


def test_every_page_says_what_may_run(client: Client, office_user: User) -> None:
    client.force_login(office_user)

    policy = client.get(reverse("web:dashboard"))["Content-Security-Policy"]

    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    # one exact style attribute of django-simple-history's history page, by its hash
    style_hash = "'sha256-" + base64.b64encode(hashlib.sha256(b"border-top: 0").digest()).decode() + "'"
    assert directives["style-src"] == f"'self' 'unsafe-hashes' {style_hash}"
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_the_login_page_and_the_admin_carry_it_too(client: Client) -> None:
    for url in (reverse("accounts:login"), "/admin/login/"):
        assert "default-src 'self'" in client.get(url)["Content-Security-Policy"]


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: str(path.relative_to(settings.PACKAGE_DIR)))
def test_no_template_has_inline_style_or_script(template: Path) -> None:
    text = template.read_text(encoding="utf-8")

    assert not re.search(r"\sstyle=", text), "a style= attribute: use a class (site.css, positions.css)"
    assert not re.search(r"<style\b", text), "a <style> element: put it in a static CSS file"
    assert not re.search(r"<script(?![^>]*\ssrc=)[^>]*>", text), "an inline <script>: load a static file"
    assert not re.search(r"\son[a-z]+=", text), "an inline event handler: bind it in a static script"


def test_the_positions_stylesheet_is_generated_from_the_code() -> None:
    assert POSITIONS_CSS.read_text(encoding="utf-8") == stylesheet(), (
        "regenerate: python -m reformtrack.core.positions > src/reformtrack/static/reformtrack/positions.css"
    )


def test_positions_become_classes_in_tenths_of_a_percent() -> None:
    assert width_class(37) == "wd-370" and width_class("12.345%") == "wd-123"
    assert left_class("50.000%") == "at-500" and left_class(-3) == "at-0" and left_class(140) == "at-1000"
    assert ".wd-370{width:37%}" in stylesheet() and ".at-125{left:12.5%}" in stylesheet()


def test_a_bad_request_gets_the_chinese_400_page(client: Client) -> None:
    response = client.get(reverse("accounts:login"), HTTP_HOST="not-this-site.example.org")

    text = response.content.decode()
    assert response.status_code == 400
    assert 'data-testid="error-400"' in text and "请求有误" in text
    assert "<script" not in text
