"""Every service refuses a caller whose role may not take its action, whatever the page shows."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from reformtrack.studies.models import Study
from reformtrack.studies.services import study_accept, study_return, study_start, study_submit, study_update
from reformtrack.studies.services_entries import attachment_add, consultation_add, option_add

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from reformtrack.ledger.models import Project

pytestmark = pytest.mark.django_db

# Roles that may read the clerk's project but not write its study, and one that may not even read it.
NOT_DRAFTERS = ["leader_user", "supervision_user", "counit_user", "outsider_clerk"]
NOT_REVIEWERS = ["leader_user", "supervision_user", "clerk_user", "unit_lead_user", "counit_user"]


@pytest.mark.parametrize("role", NOT_DRAFTERS)
def test_only_the_lead_unit_and_the_office_start_a_study(
    role: str, project: Project, request: pytest.FixtureRequest
) -> None:
    with pytest.raises(PermissionDenied):
        study_start(project=project, by=request.getfixturevalue(role))
    assert not Study.objects.exists()


def test_the_unit_lead_of_another_unit_cannot_start_a_study(
    other_project: Project, unit_lead_user: User
) -> None:
    with pytest.raises(PermissionDenied):
        study_start(project=other_project, by=unit_lead_user)


@pytest.mark.parametrize("role", NOT_DRAFTERS)
def test_only_the_lead_unit_and_the_office_write_a_study(
    role: str, draft: Study, request: pytest.FixtureRequest
) -> None:
    user: User = request.getfixturevalue(role)
    pdf = SimpleUploadedFile("纪要.pdf", b"%PDF-1.4\n%%EOF\n")
    writes = [
        lambda: study_update(study=draft, by=user, version=draft.version, background="改"),
        lambda: study_submit(study=draft, by=user, version=draft.version),
        lambda: option_add(study=draft, by=user, description="方案"),
        lambda: consultation_add(
            study=draft,
            by=user,
            consulted="专家",
            method="expert",
            held_on=dt.date(2013, 1, 1),
            opinions="同意",
        ),
        lambda: attachment_add(study=draft, by=user, upload=pdf),
    ]
    for write in writes:
        with pytest.raises(PermissionDenied):
            write()
    draft.refresh_from_db()
    assert draft.version == 1 and draft.background == ""
    assert not draft.options.exists() and not draft.consultations.exists() and not draft.attachments.exists()


@pytest.mark.parametrize("role", NOT_REVIEWERS)
def test_only_the_office_accepts_or_returns(
    role: str, filled: Study, clerk_user: User, request: pytest.FixtureRequest
) -> None:
    study = study_submit(study=filled, by=clerk_user, version=filled.version)
    user: User = request.getfixturevalue(role)

    with pytest.raises(PermissionDenied):
        study_accept(study=study, by=user, version=study.version)
    with pytest.raises(PermissionDenied):
        study_return(study=study, by=user, version=study.version, comment="退回")
    study.refresh_from_db()
    assert study.status == "submitted"


def test_the_unit_lead_of_the_lead_unit_drafts_and_submits(filled: Study, unit_lead_user: User) -> None:
    study = study_update(study=filled, by=unit_lead_user, version=filled.version, background="分管领导修改")
    study = study_submit(study=study, by=unit_lead_user, version=study.version)

    assert study.status == "submitted" and study.submitted_by == unit_lead_user
