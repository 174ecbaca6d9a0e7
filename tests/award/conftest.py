"""The award's test world: a call open today, a project led by the clerk's unit (区经济促进局) and
one led by 区财政局, and the people who take part."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pytest
from django.utils import timezone

from reformtrack.award import services
from reformtrack.award.models import AwardCall, Nomination
from reformtrack.ledger.models import Project

if TYPE_CHECKING:
    from django.contrib.auth.models import User

OWN_UNIT = "区经济促进局"
FINANCE = "区财政局"


@dataclass
class AwardWorld:
    call: AwardCall
    office: User
    clerk: User  # 区经济促进局
    finance_clerk: User  # 区财政局
    own_project: Project
    finance_project: Project


def call_data(**changes: Any) -> services.CallData:
    today = timezone.localdate()
    values: dict[str, Any] = {
        "year": today.year,
        "title": f"{today.year}年度罗湖创新奖评选",
        "nomination_opens": today - dt.timedelta(days=10),
        "nomination_closes": today + dt.timedelta(days=10),
        "scoring_opens": today - dt.timedelta(days=10),
        "scoring_closes": today + dt.timedelta(days=10),
        "max_nominations_per_unit": 2,
        "criteria": [("创新性", Decimal(3), "首创、突破"), ("实效性", Decimal(2), "群众获得感")],
        "prizes": {
            "first": (1, Decimal(3)),
            "second": (1, Decimal(2)),
            "third": (1, Decimal(1)),
            "merit": (2, Decimal("0.5")),
        },
    }
    values.update(changes)
    return services.CallData(**values)


@pytest.fixture
def award_world(store_plan: Any, office_user: User, clerk_user: User, make_user: Any) -> AwardWorld:
    own = store_plan(b"own", chapters=1, projects=1, children=0, lead_units=(OWN_UNIT,), co_units=())
    finance = store_plan(b"finance", chapters=1, projects=1, children=0, lead_units=(FINANCE,), co_units=())
    Project.objects.update(progress=30)
    call = services.call_save(by=office_user, data=call_data())
    return AwardWorld(
        call=call,
        office=office_user,
        clerk=clerk_user,
        finance_clerk=make_user("clerk", FINANCE, username="finance_clerk"),
        own_project=own.projects.get(),
        finance_project=finance.projects.get(),
    )


def nominate(by: User, call: AwardCall, project: Project, title: str = "改革创新成果") -> Nomination:
    """A submitted nomination of ``by``'s unit resting on ``project``."""
    nomination = services.nomination_create(
        by=by, call=call, title=title, statement="做法与成效。", projects=[project]
    )
    return services.nomination_submit(by=by, nomination=nomination, version=nomination.version)


def checked(world: AwardWorld) -> tuple[Nomination, Nomination]:
    """A nomination of each unit, both checked eligible."""
    own = nominate(world.clerk, world.call, world.own_project, "商事登记制度改革")
    other = nominate(world.finance_clerk, world.call, world.finance_project, "预算公开改革")
    services.eligibility_check(by=world.office, call=world.call)
    own.refresh_from_db()
    other.refresh_from_db()
    return own, other
