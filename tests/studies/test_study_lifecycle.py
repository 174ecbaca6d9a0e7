"""A study goes from the lead unit's draft to the office's acceptance, through a return."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from django.utils.translation import gettext

from reformtrack.studies.choices import StudyStatus
from reformtrack.studies.errors import StudyError
from reformtrack.studies.models import Study
from reformtrack.studies.services import study_accept, study_return, study_start, study_submit, study_update

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from reformtrack.ledger.models import Project

pytestmark = pytest.mark.django_db


def test_a_project_has_one_study(project: Project, clerk_user: User, office_user: User) -> None:
    first = study_start(project=project, by=clerk_user)
    again = study_start(project=project, by=office_user)

    assert first.pk == again.pk
    assert Study.objects.filter(project=project).count() == 1
    assert first.status == StudyStatus.DRAFT


def test_it_refuses_to_submit_an_empty_study_naming_what_is_missing(draft: Study, clerk_user: User) -> None:
    with pytest.raises(StudyError) as refused:
        study_submit(study=draft, by=clerk_user, version=draft.version)

    assert gettext("the background") in str(refused.value)
    assert gettext("the decision") in str(refused.value)
    draft.refresh_from_db()
    assert draft.status == StudyStatus.DRAFT


def test_the_office_returns_then_accepts_a_resubmitted_study(
    filled: Study, clerk_user: User, office_user: User
) -> None:
    study = study_submit(study=filled, by=clerk_user, version=filled.version)
    assert study.status == StudyStatus.SUBMITTED and study.submitted_by == clerk_user

    with pytest.raises(StudyError):  # a submitted study is the office's now
        study_update(study=study, by=clerk_user, version=study.version, background="改")
    study = study_return(study=study, by=office_user, version=study.version, comment="补充专家论证意见")
    assert study.status == StudyStatus.RETURNED and study.return_comment == "补充专家论证意见"

    study = study_update(study=study, by=clerk_user, version=study.version, background="补充后的背景")
    study = study_submit(study=study, by=clerk_user, version=study.version)
    study = study_accept(study=study, by=office_user, version=study.version)

    assert study.status == StudyStatus.ACCEPTED and study.reviewed_by == office_user
    assert study.return_comment == ""
    reasons = list(study.history.order_by("history_id").values_list("history_change_reason", flat=True))
    assert reasons[-4:] == ["returned", "edited", "resubmitted", "accepted"]
    with pytest.raises(StudyError):  # accepted: closed to everyone's edits
        study_update(study=study, by=office_user, version=study.version, background="再改")


def test_a_return_needs_a_reason(filled: Study, clerk_user: User, office_user: User) -> None:
    study = study_submit(study=filled, by=clerk_user, version=filled.version)

    with pytest.raises(StudyError):
        study_return(study=study, by=office_user, version=study.version, comment="  ")


def test_only_a_submitted_study_is_accepted(filled: Study, office_user: User) -> None:
    with pytest.raises(StudyError):
        study_accept(study=filled, by=office_user, version=filled.version)
    filled.refresh_from_db()
    assert filled.status == StudyStatus.DRAFT


def test_the_office_may_edit_a_submitted_study(filled: Study, clerk_user: User, office_user: User) -> None:
    study = study_submit(study=filled, by=clerk_user, version=filled.version)

    study = study_update(study=study, by=office_user, version=study.version, background="办公室修订")

    assert study.background == "办公室修订" and study.status == StudyStatus.SUBMITTED
