"""Fixtures of the web page tests: a plan the role fixtures take part in, and a plan of any size.

The shared role fixtures (``office_user``, ``clerk_user`` …) come from ``tests/conftest.py``. The
clerk's unit 区经济促进局 leads every project of ``web_plan`` and the co-unit's 区科技创新局 takes part;
``other_plan`` belongs to 区发改局 alone, so unit roles cannot see it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client

from reformtrack.ledger.choices import ProjectStatus, UnitRole
from reformtrack.ledger.models import (
    Chapter,
    Measure,
    Milestone,
    Plan,
    Project,
    ProjectUnit,
    SourceDocument,
    Target,
    Unit,
)

CLERK_UNIT = "区经济促进局"
COUNIT_UNIT = "区科技创新局"

BuildPlan = Callable[..., Plan]


@pytest.fixture
def web_plan(store_plan: Callable[..., Plan]) -> Plan:
    """2 chapters × 2 projects (+1 sub-item each), led by 区经济促进局 with 区科技创新局."""
    return store_plan(b"web", lead_units=(CLERK_UNIT,), co_units=(COUNIT_UNIT,))


@pytest.fixture
def other_plan(store_plan: Callable[..., Plan]) -> Plan:
    """One chapter, one project of 区发改局 alone."""
    return store_plan(
        b"other",
        title="另一个方案",
        chapters=1,
        projects=1,
        children=0,
        lead_units=("区发改局",),
        co_units=(),
    )


@pytest.fixture
def own_project(web_plan: Plan) -> Project:
    """The first top-level project of ``web_plan`` (项目1-1, flagged for review by the importer)."""
    return web_plan.projects.get(title="项目1-1")


@pytest.fixture
def foreign_project(other_plan: Plan) -> Project:
    """A project none of the unit roles' units takes part in."""
    return other_plan.projects.get(level=1)


def login(client: Client, user: object) -> Client:
    client.force_login(user)  # type: ignore[arg-type]
    return client


TITLES = [
    "推进品牌营销",
    "优化生态环境",
    "深化商事登记制度改革",
    "加强社区治理创新",
    "打造网商集聚区",
    "完善公共服务体系",
    "推动产业转型升级",
    "建设智慧城市",
]


def build_plan(
    n: int,
    *,
    title: str = "规模测试方案",
    lead: str = CLERK_UNIT,
    co: str = COUNIT_UNIT,
    chapters: int = 5,
    milestones: bool = True,
) -> Plan:
    """A plan of ``n`` top-level projects written with bulk_create (fast for thousands).

    Project ``i`` is in chapter ``i % chapters``, titled after ``TITLES[i % 8]`` and numbered, led by
    ``lead`` with ``co``; it has one measure, one target, one milestone, a status by ``i % 4``, progress
    ``i % 101``, weight 1 or 2, and a deadline spread over 2013–2015.
    """
    plan = Plan.objects.create(title=title, period_start=2013, period_end=2015)
    SourceDocument.objects.create(
        plan=plan, filename="big.txt", sha256=f"{title}-{n}".encode().hex()[:64], size=1, content=b"x"
    )
    chapter_rows = Chapter.objects.bulk_create(
        Chapter(plan=plan, number=c + 1, title=f"第{c + 1}章", position=c) for c in range(chapters)
    )
    lead_unit = Unit.objects.get_or_create(name=lead)[0]
    co_unit = Unit.objects.get_or_create(name=co)[0]
    statuses = list(ProjectStatus.values)
    projects = Project.objects.bulk_create(
        Project(
            plan=plan,
            chapter=chapter_rows[i % chapters],
            number=i + 1,
            label=f"（{i + 1}）",
            title=f"{TITLES[i % len(TITLES)]}第{i + 1}项",
            text=f"{TITLES[i % len(TITLES)]}的具体内容。",
            level=1,
            position=i,
            needs_review=i % 7 == 0,
            review_reasons=[{"code": "lost", "params": {"before": "阳光慈尚", "after": "大爱罗湖"}}]
            if i % 7 == 0
            else [],
            deadline=dt.date(2013, 1, 1) + dt.timedelta(days=(i * 37) % 1000),
            status=statuses[i % len(statuses)],
            progress=i % 101,
            weight=Decimal(1 + i % 2),
        )
        for i in range(n)
    )
    ProjectUnit.objects.bulk_create(
        link
        for project in projects
        for link in (
            ProjectUnit(project=project, unit=lead_unit, role=UnitRole.LEAD, position=0),
            ProjectUnit(project=project, unit=co_unit, role=UnitRole.CO, position=0),
        )
    )
    Measure.objects.bulk_create(Measure(project=p, text=f"{p.title}的举措", position=0) for p in projects)
    Target.objects.bulk_create(Target(project=p, text="满意度达95%以上", position=0) for p in projects)
    if milestones:
        Milestone.objects.bulk_create(
            Milestone(project=p, date=p.deadline or dt.date(2014, 1, 1), title="阶段完成", position=0)
            for p in projects
        )
    return plan


@pytest.fixture
def big_plan(db: None) -> BuildPlan:
    """The factory :func:`build_plan`."""
    return build_plan
