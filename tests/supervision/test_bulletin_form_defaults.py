"""The bulletin form's defaults are valid: what the page shows, posted back unchanged, is accepted."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from reformtrack.supervision.models import Bulletin

pytestmark = pytest.mark.django_db

INPUT = re.compile(r'<input type="(?:text|hidden)" name="(\w+)" value="([^"]*)"')


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_first_generate_with_the_defaults_succeeds(
    client: Client, office_user: User, language: str
) -> None:
    client.force_login(office_user)
    client.cookies["django_language"] = language
    page = client.get(reverse("supervision:bulletin_create")).content.decode()
    shown = dict(INPUT.findall(page))
    assert {"title", "period_start", "period_end", "csrfmiddlewaretoken"} <= set(shown) | {
        "csrfmiddlewaretoken"
    }, page

    response = client.post(reverse("supervision:bulletin_create"), shown)

    assert response.status_code == 302, response.content.decode()[:2000]
    bulletin = Bulletin.objects.get()
    assert bulletin.period_start.isoformat() == shown["period_start"]
    assert bulletin.period_end.isoformat() == shown["period_end"]
