"""One rating per person, project and period: a second is refused with a clear message, the database
refuses a duplicate that raced past, another year and another project are new ratings."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone
from freezegun import freeze_time

from reformtrack.ledger.models import Project
from reformtrack.ratings.errors import AlreadyRated
from reformtrack.ratings.models import Rating

from .conftest import Rate, Submit


def test_a_second_rating_of_the_same_person_is_refused_with_a_message(
    public_project: Project, submit: Submit
) -> None:
    first = submit(public_project, cookie="same", score=5)

    with pytest.raises(AlreadyRated, match="已经评价过"):
        submit(public_project, cookie="same", score=1)

    assert list(Rating.objects.values_list("pk", "score")) == [(first.pk, 5)]


def test_the_database_refuses_a_duplicate_that_raced_past(public_project: Project, submit: Submit) -> None:
    first = submit(public_project, cookie="same")

    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.create(
            project=public_project,
            period=first.period,
            score=3,
            identity=first.identity,
            consented_at=timezone.now(),
        )


def test_another_person_and_another_year_rate_again(public_project: Project, submit: Submit) -> None:
    with freeze_time("2025-06-01"):
        submit(public_project, cookie="same")
    with freeze_time("2026-06-01"):
        submit(public_project, cookie="same")
        submit(public_project, cookie="another")

    assert sorted(Rating.objects.values_list("period", flat=True)) == [2025, 2026, 2026]


def test_the_page_says_so(public_project: Project, rate: Rate) -> None:
    assert rate(public_project).status_code == 302
    second = rate(public_project)

    assert second.status_code == 409
    assert "这一年已经评价过这个项目" in second.content.decode()
    assert Rating.objects.count() == 1
