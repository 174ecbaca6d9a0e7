"""Fixtures of the evaluation tests: a project the role fixtures take part in (区经济促进局 leads it,
区科技创新局 takes part) with one target (打造2至3个网商集聚区), its evaluation, and helpers that take
it through its steps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User

from reformtrack.evaluation import services, services_panel
from reformtrack.evaluation.models import Evaluation
from reformtrack.ledger.models import Plan, Project
from reformtrack.ledger.services_targets import target_value_record

CLERK_UNIT = "区经济促进局"
COUNIT_UNIT = "区科技创新局"


@pytest.fixture
def plan(store_plan: Callable[..., Plan]) -> Plan:
    """One chapter, one project led by the clerk's unit with the co-unit."""
    return store_plan(
        b"evaluation",
        chapters=1,
        projects=1,
        children=0,
        measures=1,
        lead_units=(CLERK_UNIT,),
        co_units=(COUNIT_UNIT,),
    )


@pytest.fixture
def project(plan: Plan) -> Project:
    return plan.projects.get()


@pytest.fixture
def other_project(store_plan: Callable[..., Plan]) -> Project:
    """A project of 区财政局 alone: no unit role of the fixtures sees it."""
    plan = store_plan(
        b"other",
        title="另一个方案",
        chapters=1,
        projects=1,
        children=0,
        lead_units=("区财政局",),
        co_units=(),
    )
    return plan.projects.get()


@pytest.fixture
def evaluation(project: Project, office_user: User) -> Evaluation:
    return services.evaluation_open(project=project, by=office_user, due=dt.date(2016, 3, 31))


def record_value(project: Project, office: User, value: str, day: dt.date) -> None:
    """An actual value of the project's one target, recorded by the office."""
    target_value_record(target=project.targets.get(), date=day, value=value, by=office)


def self_evaluate(evaluation: Evaluation, clerk: User) -> Evaluation:
    return services.evaluation_self(
        evaluation=evaluation,
        by=clerk,
        version=evaluation.version,
        goals_met="partly",
        summary="建成网商集聚区两个。",
        cost=Decimal("120.50"),
        problems="招商进度偏慢。",
    )


def office_evaluate(evaluation: Evaluation, office: User, *, panel: bool = False) -> Evaluation:
    return services.evaluation_office(
        evaluation=evaluation, by=office, version=evaluation.version, opinion="基本达到预期。", panel=panel
    )


def conclude(evaluation: Evaluation, office: User, conclusion: str = "adjust") -> Evaluation:
    return services.evaluation_conclude(
        evaluation=evaluation,
        by=office,
        version=evaluation.version,
        conclusion=conclusion,
        reasons="需调整招商方式。",
    )


def with_panel(evaluation: Evaluation, office: User, clerk: User, reviewers: list[User]) -> dict[str, Any]:
    """Self-evaluated, evaluated by the office and sent to a panel of ``reviewers`` who accepted,
    with two criteria (weights 60 and 40); the criteria by name."""
    evaluation = office_evaluate(self_evaluate(evaluation, clerk), office, panel=True)
    criteria = {
        name: services_panel.criterion_add(
            evaluation=evaluation, by=office, name=name, weight=Decimal(weight)
        )
        for name, weight in (("目标完成", "60"), ("群众获得感", "40"))
    }
    for reviewer in reviewers:
        services_panel.reviewer_invite(evaluation=evaluation, by=office, reviewer=reviewer)
        services_panel.assignment_respond(evaluation=evaluation, by=reviewer, accept=True)
    return criteria
