"""A published appraisal does not move: its data were frozen when it was computed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from reformtrack.appraisal.errors import AppraisalError
from reformtrack.appraisal.services import appraisal_compute, appraisal_publish
from reformtrack.reporting.choices import ReportStatus
from reformtrack.reporting.models import ProgressReport

from .conftest import AS_OF, UNIT_A, UNIT_B, Small, _at, by_unit


def test_a_report_changed_after_publication_does_not_move_the_score(
    small: Small, office_user: User, client: Client
) -> None:
    run = appraisal_publish(
        run=appraisal_compute(scheme=small.scheme, by=office_user, as_of=AS_OF), by=office_user
    )
    before = by_unit(run)[UNIT_B]

    # B sends its missing report, on time, and it is accepted
    ProgressReport.objects.create(
        cycle=ProgressReport.objects.first().cycle,  # type: ignore[union-attr]
        period_start=dt.date(2014, 1, 1),
        period_end=dt.date(2014, 6, 30),
        project=small.projects["P3"],
        unit=small.units[UNIT_B],
        status=ReportStatus.ACCEPTED,
        submitted_at=_at(dt.date(2014, 7, 1)),
        reviewed_at=_at(dt.date(2014, 7, 2)),
    )
    client.force_login(office_user)
    page = client.get(reverse("appraisal:result", args=[before.pk])).content.decode()

    after = by_unit(run)[UNIT_B]
    assert (after.total, after.components) == (Decimal(30), before.components)
    assert "应报1次，按时0次" in page.replace(" ", "")
    with pytest.raises(AppraisalError):
        appraisal_compute(scheme=small.scheme, by=office_user, as_of=AS_OF)
    assert by_unit(run)[UNIT_B].total == Decimal(30)


def test_an_appraisal_not_yet_published_is_computed_again_from_fresh_data(
    small: Small, office_user: User
) -> None:
    run = appraisal_compute(scheme=small.scheme, by=office_user, as_of=AS_OF)
    ProgressReport.objects.filter(project=small.projects["P2"]).update(submitted_at=_at(dt.date(2014, 7, 9)))

    again = appraisal_compute(scheme=small.scheme, by=office_user, as_of=AS_OF)

    assert again.pk == run.pk
    # A's second report is now on time: reports 100 instead of 50, +15 points
    assert by_unit(again)[UNIT_A].total == Decimal(75)
