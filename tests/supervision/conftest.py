"""Fixtures of the supervision tests: a project the clerk's unit leads and one of another unit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest

from reformtrack.ledger.models import Plan, Project, Unit

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from reformtrack.supervision.models import SupervisionOrder

OWN_UNIT = "区经济促进局"
OTHER_UNIT = "区财政局"


@pytest.fixture
def project(store_plan: Callable[..., Plan]) -> Project:
    """A project led by the clerk's unit (区经济促进局), 区科技创新局 a co-unit, due 2013-12-31."""
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


@pytest.fixture
def own_unit(project: Project) -> Unit:
    return Unit.objects.get(name=OWN_UNIT)


@pytest.fixture
def other_unit(other_project: Project) -> Unit:
    return Unit.objects.get(name=OTHER_UNIT)


IssueOrder = Callable[..., "SupervisionOrder"]


@pytest.fixture
def issue(office_user: User) -> IssueOrder:
    """``issue(unit=…, project=…, **overrides)``: an order through the service, by the office."""
    from reformtrack.supervision.services import order_issue

    def make(**kwargs: Any) -> SupervisionOrder:
        values: dict[str, Any] = {
            "by": office_user,
            "reason": "进度滞后",
            "requirements": "限期整改并书面报告",
            "response_due": dt.date(2014, 7, 1),
            "grade": "blue",
            **kwargs,
        }
        return order_issue(**values)

    return make
