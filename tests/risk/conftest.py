"""Fixtures of the risk tests: a project the clerk's unit leads, one of another unit, and a helper
that takes an assessment of a project from draft to signed off at a level."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

from reformtrack.ledger.models import Plan, Project
from reformtrack.risk.choices import CORE_DIMENSIONS
from reformtrack.risk.models import Assessment
from reformtrack.risk.services import (
    assessment_create,
    assessment_save,
    assessment_sign_off,
    assessment_submit,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

OWN_UNIT = "区经济促进局"
OTHER_UNIT = "区财政局"

SignOff = Callable[..., Assessment]


@pytest.fixture
def project(store_plan: Callable[..., Plan]) -> Project:
    """A project led by the clerk's unit (区经济促进局), 区科技创新局 a co-unit, with one measure."""
    plan = store_plan(
        b"own",
        chapters=1,
        projects=1,
        children=0,
        measures=1,
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


def drafted(project: Project, by: User, *, score: int = 4) -> Assessment:
    """A submitted assessment of ``project`` by ``by`` with every dimension at ``score``."""
    assessment = assessment_create(project=project, by=by)
    scores = {d.value: (score, f"{d.label}的依据") for d in CORE_DIMENSIONS}
    assessment = assessment_save(
        assessment=assessment, by=by, version=assessment.version, summary="概述", scores=scores
    )
    return assessment_submit(assessment=assessment, by=by, version=assessment.version)


@pytest.fixture
def sign_off(office_user: User, clerk_user: User) -> SignOff:
    """``sign_off(project, score=1)``: drafted by the clerk, signed off by the office (1: high)."""

    def run(project: Project, *, score: int = 1) -> Assessment:
        assessment = drafted(project, clerk_user, score=score)
        return assessment_sign_off(assessment=assessment, by=office_user, version=assessment.version)

    return run
