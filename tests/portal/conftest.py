"""Fixtures of the portal's tests: a published plan (every project public) and an unpublished one."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

from reformtrack.ledger.services_publish import plan_publish

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from reformtrack.ledger.models import Plan


@pytest.fixture
def published_plan(store_plan: Callable[..., Plan], office_user: User) -> Plan:
    """2 chapters × 2 projects (+1 sub-item each), published with every project public."""
    return plan_publish(by=office_user, plan=store_plan(b"published"), all_projects=True)


@pytest.fixture
def hidden_plan(store_plan: Callable[..., Plan]) -> Plan:
    """A plan never published (its projects not public either)."""
    return store_plan(b"hidden", title="内部方案", chapters=1, projects=1, children=0)


def build_public_plan(n: int, *, office: User, title: str = "规模测试方案") -> Plan:
    """A published plan of ``n`` public top-level projects in 5 chapters, each with a lead unit,
    three measures, a target with an actual value and a milestone (bulk_create: fast for hundreds)."""
    import datetime as dt
    from decimal import Decimal

    from reformtrack.ledger.choices import UnitRole
    from reformtrack.ledger.models import (
        Chapter,
        Measure,
        Milestone,
        Plan,
        Project,
        ProjectUnit,
        Target,
        TargetValue,
        Unit,
    )

    plan = Plan.objects.create(title=title, period_start=2013, period_end=2015)
    chapters = Chapter.objects.bulk_create(
        Chapter(plan=plan, number=c + 1, title=f"第{c + 1}章", position=c) for c in range(5)
    )
    unit = Unit.objects.get_or_create(name="区经济促进局")[0]
    projects = Project.objects.bulk_create(
        Project(
            plan=plan,
            chapter=chapters[i % 5],
            label=f"（{i + 1}）",
            title=f"项目第{i + 1}项",
            level=1,
            position=i,
            deadline=dt.date(2014, 1, 1) + dt.timedelta(days=i),
            progress=i % 101,
            weight=Decimal(1 + i % 2),
            public=True,
        )
        for i in range(n)
    )
    ProjectUnit.objects.bulk_create(
        ProjectUnit(project=p, unit=unit, role=UnitRole.LEAD, position=0) for p in projects
    )
    Measure.objects.bulk_create(  # three a project: a page that loads one by one shows in the budget
        Measure(project=p, text=f"{p.title}的举措{m}", position=m) for p in projects for m in range(3)
    )
    targets = Target.objects.bulk_create(
        Target(project=p, text="满意度达95%以上", position=0) for p in projects
    )
    TargetValue.objects.bulk_create(
        TargetValue(target=t, date=dt.date(2014, 6, 30), value=Decimal(90)) for t in targets
    )
    Milestone.objects.bulk_create(
        Milestone(project=p, date=dt.date(2014, 6, 30), title="阶段完成", position=0) for p in projects
    )
    return plan_publish(by=office, plan=plan)
