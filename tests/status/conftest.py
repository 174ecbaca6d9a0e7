"""Fixtures of the status tests: plans of any size with deadlines, progress, milestones and measures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest

from reformtrack.ledger.choices import ProjectStatus, UnitRole
from reformtrack.ledger.models import (
    Chapter,
    Measure,
    Milestone,
    Plan,
    Project,
    ProjectUnit,
    SourceDocument,
    Unit,
)

LEAD_UNIT = "区经济促进局"
TODAY = dt.date(2014, 7, 2)  # half-way through 2014: a project due at the year's end expects 50 %

BuildPlan = Callable[..., Plan]


def build_lights_plan(
    n: int, *, title: str = "红黄绿灯方案", progress: int = 50, deadline: dt.date = dt.date(2014, 12, 31)
) -> Plan:
    """A plan of 2014 with ``n`` top-level projects led by 区经济促进局, each with two measures and
    a milestone done; ``progress`` on every project (50: on schedule on ``TODAY``)."""
    plan = Plan.objects.create(title=title, period_start=2014, period_end=2014)
    SourceDocument.objects.create(
        plan=plan, filename="p.txt", sha256=f"{title}-{n}".encode().hex()[:64], size=1, content=b"x"
    )
    chapter = Chapter.objects.create(plan=plan, number=1, title="第一章", position=0)
    unit = Unit.objects.get_or_create(name=LEAD_UNIT)[0]
    projects = Project.objects.bulk_create(
        Project(
            plan=plan,
            chapter=chapter,
            number=i + 1,
            label=f"（{i + 1}）",
            title=f"项目{i + 1}",
            level=1,
            position=i,
            deadline=deadline,
            status=ProjectStatus.IN_PROGRESS,
            progress=progress,
            weight=Decimal(1),
        )
        for i in range(n)
    )
    ProjectUnit.objects.bulk_create(
        ProjectUnit(project=p, unit=unit, role=UnitRole.LEAD, position=0) for p in projects
    )
    Measure.objects.bulk_create(
        Measure(project=p, text=f"{p.title}的举措{k}", position=k) for p in projects for k in range(2)
    )
    Milestone.objects.bulk_create(
        Milestone(project=p, date=dt.date(2014, 3, 1), title="完成调研", done=True) for p in projects
    )
    return plan


@pytest.fixture
def lights_plan(db: None) -> BuildPlan:
    """The factory :func:`build_lights_plan`."""
    return build_lights_plan
