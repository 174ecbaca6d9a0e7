"""django-rq's queue pages carry inline bits: allowed by hash on those pages only, and the hashes are
those of the installed templates (an upgrade of django-rq that changes them fails here)."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import django_rq
import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from reformtrack.accounts.admin_rq import RQ_PAGES_CSP

TEMPLATES = Path(django_rq.__file__).parent / "templates" / "django_rq"


def digest(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_the_hashes_are_those_of_the_installed_templates() -> None:
    scripts, styles = set(), set()
    for template in TEMPLATES.glob("*.html"):
        text = template.read_text(encoding="utf-8")
        scripts |= {
            digest(body) for body in re.findall(r"<script[^>]*>(.*?)</script>", text, re.S) if body.strip()
        }
        styles |= {digest(body) for body in re.findall(r"<style[^>]*>(.*?)</style>", text, re.S)}
        styles |= {digest(value) for value in re.findall(r'style="([^"]*)"', text)}

    assert scripts == set(RQ_PAGES_CSP["script-src"])
    assert styles == set(RQ_PAGES_CSP["style-src"])


@pytest.mark.django_db
def test_only_the_queue_pages_get_them(client: Client) -> None:
    client.force_login(User.objects.create_superuser("root-rq", "root@example.org", "Root-pass-123456"))

    queue_page = client.get(reverse("admin:django_rq_jobs", args=[0]))
    other_page = client.get(reverse("admin:index"))

    assert queue_page.status_code == 200
    for source in RQ_PAGES_CSP["script-src"] + RQ_PAGES_CSP["style-src"]:
        assert source in queue_page["Content-Security-Policy"]
        assert source not in other_page["Content-Security-Policy"]
