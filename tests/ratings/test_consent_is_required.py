"""The citizen must tick the consent notice (PIPL); the office's own text replaces the standard one."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from reformtrack.ledger.models import Project
from reformtrack.ratings.errors import RatingRefused
from reformtrack.ratings.models import Rating
from reformtrack.ratings.services import settings_of

from .conftest import Rate, Submit


def test_without_consent_nothing_is_stored(public_project: Project, submit: Submit, rate: Rate) -> None:
    with pytest.raises(RatingRefused):
        submit(public_project, consent=False)
    assert rate(public_project, consent="").status_code == 400

    assert not Rating.objects.exists()


def test_the_consent_is_recorded_with_the_rating(public_project: Project, submit: Submit) -> None:
    assert submit(public_project).consented_at is not None


def test_the_page_shows_the_offices_notice(public_project: Project, client: Client) -> None:
    rules = settings_of()
    rules.consent_text = "本区发展改革局保存您的评分一年。"
    rules.save()

    page = client.get(reverse("ratings_public:project", args=[public_project.pk])).content.decode()

    assert "本区发展改革局保存您的评分一年。" in page
    assert 'name="consent"' in page
