"""A post that fills the hidden honeypot field is refused and nothing is stored."""

from __future__ import annotations

import pytest

from reformtrack.ledger.models import Project
from reformtrack.ratings.errors import RatingRefused
from reformtrack.ratings.models import Rating

from .conftest import Rate, Submit


def test_a_filled_honeypot_is_refused(public_project: Project, submit: Submit) -> None:
    with pytest.raises(RatingRefused):
        submit(public_project, honeypot="http://spam.example")

    assert not Rating.objects.exists()


def test_the_page_hides_the_honeypot_from_people_and_refuses_it(public_project: Project, rate: Rate) -> None:
    response = rate(public_project, website="http://spam.example")

    assert response.status_code == 400
    assert 'class="d-none"' in response.content.decode()
    assert not Rating.objects.exists()
