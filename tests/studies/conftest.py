"""Fixtures of the study tests: a project the clerk's unit leads, one of another unit, and a
study of the first filled enough to be submitted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

from reformtrack.ledger.models import Plan, Project
from reformtrack.studies.choices import ConsultationMethod
from reformtrack.studies.services import study_start, study_update
from reformtrack.studies.services_entries import consultation_add, option_add

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from reformtrack.studies.models import Study

OWN_UNIT = "区经济促进局"
OTHER_UNIT = "区财政局"


@pytest.fixture
def project(store_plan: Callable[..., Plan]) -> Project:
    """A project led by the clerk's unit (区经济促进局), 区科技创新局 a co-unit."""
    plan = store_plan(
        b"own",
        chapters=1,
        projects=1,
        children=0,
        measures=0,
        lead_units=(OWN_UNIT,),
        co_units=("区科技创新局",),
    )
    return plan.projects.get()


@pytest.fixture
def other_project(store_plan: Callable[..., Plan]) -> Project:
    """A project of 区财政局 alone."""
    plan = store_plan(
        b"other", chapters=1, projects=1, children=0, measures=0, lead_units=(OTHER_UNIT,), co_units=()
    )
    return plan.projects.get()


def fill(study: Study, by: User) -> Study:
    """Give the study what a submission needs: background, an option, a consultation, a decision."""
    option_add(study=study, by=by, description="设立企业服务中心", assessment="便民，但需增编", chosen=True)
    consultation_add(
        study=study,
        by=by,
        consulted="区政协委员、企业代表",
        method=ConsultationMethod.HEARING,
        held_on=dt.date(2013, 9, 10),
        opinions="赞成设立，建议一站式办理",
        response="已采纳",
    )
    study.refresh_from_db()
    return study_update(
        study=study,
        by=by,
        version=study.version,
        background="企业办事环节多、时间长。",
        decision_text="同意设立区企业服务中心。",
        decision_date=dt.date(2013, 10, 8),
        decision_body="区委常委会",
        decision_number="罗发〔2013〕3号",
        decision_title="关于设立区企业服务中心的通知",
    )


@pytest.fixture
def draft(project: Project, clerk_user: User) -> Study:
    """An empty draft study of the clerk's project."""
    return study_start(project=project, by=clerk_user)


@pytest.fixture
def filled(draft: Study, clerk_user: User) -> Study:
    """A draft study ready to be submitted."""
    return fill(draft, clerk_user)
