"""Fixtures of the case library's tests: a plan whose projects the clerk's unit leads, and cases."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest

# the units of tests/conftest.py's clerk and co-unit staff
CLERK_UNIT = "区经济促进局"
COUNIT_UNIT = "区科技创新局"

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from reformtrack.cases.models import Case
    from reformtrack.ledger.models import Plan, Project

MakeCase = Callable[..., "Case"]


@pytest.fixture
def case_plan(store_plan: Callable[..., Plan]) -> Plan:
    """One chapter of three projects led by the clerk's unit, 区科技创新局 a co-unit; each project
    has one target (打造2至3个网商集聚区)."""
    return store_plan(
        b"cases",
        chapters=1,
        projects=3,
        children=0,
        measures=0,
        lead_units=(CLERK_UNIT,),
        co_units=(COUNIT_UNIT,),
    )


@pytest.fixture
def project(case_plan: Plan) -> Project:
    """The plan's first project."""
    return case_plan.projects.order_by("position").first()  # type: ignore[return-value]


@pytest.fixture
def make_case(project: Project, clerk_user: User) -> MakeCase:
    """``make_case(title=…, by=…, project=…, **texts)``: a draft written through the service."""
    from reformtrack.cases.services import case_create

    def make(*, by: User | None = None, on: Project | None = None, **texts: Any) -> Case:
        texts.setdefault("title", "网商集聚区建设的罗湖经验")
        texts.setdefault("background", "罗湖区电子商务起步较晚。")
        texts.setdefault("actions", "设立专项资金，引进龙头企业。")
        texts.setdefault("results", "集聚区已建成。")
        texts.setdefault("lessons", "政策先行，服务跟进。")
        return case_create(project=on or project, by=by or clerk_user, **texts)

    return make


@pytest.fixture
def approved_case(make_case: MakeCase, clerk_user: User, office_user: User) -> Case:
    """A case the clerk wrote and submitted and the office approved."""
    from reformtrack.cases.services import case_approve, case_submit

    case = make_case()
    case = case_submit(case=case, by=clerk_user, version=case.version)
    return case_approve(case=case, by=office_user, version=case.version)
