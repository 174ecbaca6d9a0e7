"""Fixtures of the supervision tests: a project the clerk's unit leads and one of another unit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest

from reformtrack.ledger.models import Plan, Project, Unit

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from reformtrack.supervision.models import Bulletin, SupervisionOrder

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


MakeBulletin = Callable[..., "Bulletin"]


@pytest.fixture
def make_bulletin(office_user: User) -> MakeBulletin:
    """``make_bulletin(start=…, end=…, today=…)``: a bulletin created by the office and generated at
    once (what the background job does), a draft."""
    from reformtrack.supervision.services import bulletin_create, bulletin_generate

    def make(
        start: dt.date = dt.date(2014, 1, 1),
        end: dt.date = dt.date(2014, 6, 30),
        today: dt.date | None = None,
        title: str = "全面深化改革工作督查通报",
    ) -> Bulletin:
        bulletin = bulletin_create(by=office_user, title=title, period_start=start, period_end=end)
        return bulletin_generate(bulletin=bulletin, job=None, today=today or end)

    return make
