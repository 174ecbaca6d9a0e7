"""A draft is gathered again from the data by a new job; so is a bulletin whose generation failed."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

from reformtrack.jobs.services import job_fail
from reformtrack.supervision.errors import SupervisionError
from reformtrack.supervision.services import bulletin_create, bulletin_issue, bulletin_regenerate

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from reformtrack.ledger.models import Project

    from .conftest import MakeBulletin

pytestmark = pytest.mark.django_db


def test_a_failed_generation_is_tried_again_by_a_new_job(project: Project, office_user: User) -> None:
    bulletin = bulletin_create(
        by=office_user, title="督查通报", period_start=dt.date(2014, 1, 1), period_end=dt.date(2014, 3, 31)
    )
    failed = bulletin.job
    assert failed is not None
    job_fail(job=failed, error="worker lost")

    again = bulletin_regenerate(by=office_user, bulletin=bulletin, version=bulletin.version)

    assert again.status == "generating"
    assert again.job is not None and again.job.pk != failed.pk and again.job.status == "queued"


def test_a_generation_still_running_or_an_issued_bulletin_is_left_alone(
    project: Project, office_user: User, make_bulletin: MakeBulletin
) -> None:
    running = bulletin_create(
        by=office_user, title="督查通报", period_start=dt.date(2014, 1, 1), period_end=dt.date(2014, 3, 31)
    )
    draft = make_bulletin()
    issued = bulletin_issue(by=office_user, bulletin=draft, version=draft.version)

    for bulletin in (running, issued):
        with pytest.raises(SupervisionError):
            bulletin_regenerate(by=office_user, bulletin=bulletin, version=bulletin.version)
