"""A small programme for the appraisal of 2014, with every figure chosen so the scores can be worked
out by hand (see test_appraisal_totals.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pytest
from django.utils import timezone

from reformtrack.appraisal.models import BonusClaim, Scheme
from reformtrack.ledger.choices import ProjectStatus, UnitRole
from reformtrack.ledger.models import Project, ProjectUnit, TargetValue, Unit
from reformtrack.reporting.choices import Frequency, ReportStatus
from reformtrack.reporting.models import ProgressReport, ReportingCycle
from reformtrack.supervision.models import SupervisionOrder

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.contrib.auth.models import User

    from reformtrack.ledger.models import Plan

UNIT_A = "区经济促进局"  # the clerk's unit of tests/conftest.py
UNIT_B = "区财政局"
STREET = "东门街道办事处"
AS_OF = dt.date(2014, 12, 31)
# reports 30, review 10, projects 20, targets 20, orders 20: the weights of the hand-worked example
WEIGHTS = {
    "reports_on_time": 30,
    "review_outcomes": 10,
    "projects_on_time": 20,
    "target_achievement": 20,
    "supervision_orders": 20,
}


@dataclass
class Small:
    """The small programme: its plan, projects by name, units by name and the scheme of 2014."""

    plan: Plan
    projects: dict[str, Project]
    units: dict[str, Unit]
    scheme: Scheme
    office: User


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


def _report(
    cycle: ReportingCycle, project: Project, unit: Unit, submitted: dt.date | None, status: str
) -> None:
    ProgressReport.objects.create(
        cycle=cycle,
        period_start=cycle.start,
        period_end=cycle.end,
        project=project,
        unit=unit,
        status=status,
        submitted_at=submitted and _at(submitted),
        reviewed_at=_at(dt.date(2014, 8, 1)) if status != ReportStatus.SUBMITTED else None,
    )


def _order(
    office: User, unit: Unit, project: Project, sequence: int, due: dt.date, answered: dt.date | None
) -> None:
    SupervisionOrder.objects.create(
        year=2014,
        sequence=sequence,
        issued_by=office,
        issuing_office="coordinating",
        unit=unit,
        project=project,
        reason="进度滞后",
        requirements="限期整改",
        response_due=due,
        grade="blue",
        status="answered" if answered else "issued",
        responded_at=answered and _at(answered),
    )


def _projects(store_plan: Callable[..., Plan]) -> tuple[Plan, dict[str, Project], dict[str, Unit]]:
    plan = store_plan(chapters=1, projects=4, children=0, measures=0, lead_units=(UNIT_A,), co_units=())
    projects = dict(zip(("P1", "P2", "P3", "P4"), plan.projects.order_by("position"), strict=True))
    units = {name: Unit.objects.get_or_create(name=name)[0] for name in (UNIT_A, UNIT_B, STREET)}
    Unit.objects.filter(name=UNIT_B).update(kind="government")
    Unit.objects.filter(name=STREET).update(kind="street")
    ProjectUnit.objects.filter(project=projects["P3"]).update(unit=units[UNIT_B])
    ProjectUnit.objects.filter(project=projects["P4"]).update(unit=units[STREET])
    for name, deadline, status, progress in (
        ("P1", dt.date(2014, 6, 30), ProjectStatus.COMPLETED, 100),
        ("P2", dt.date(2014, 9, 30), ProjectStatus.IN_PROGRESS, 50),
        ("P3", dt.date(2014, 12, 31), ProjectStatus.IN_PROGRESS, 80),
        ("P4", dt.date(2015, 6, 30), ProjectStatus.IN_PROGRESS, 10),
    ):
        Project.objects.filter(pk=projects[name].pk).update(
            deadline=deadline, status=status, progress=progress
        )
    assert ProjectUnit.objects.filter(project__plan=plan, role=UnitRole.LEAD).count() == 4
    return plan, projects, {name: Unit.objects.get(name=name) for name in units}


def build_small(store_plan: Callable[..., Plan], office: User) -> Small:
    """Build the programme; the comments give each unit's figures."""
    plan, projects, units = _projects(store_plan)
    a, b, street = units[UNIT_A], units[UNIT_B], units[STREET]
    cycle = ReportingCycle.objects.create(
        plan=plan,
        name="上半年",
        frequency=Frequency.CUSTOM,
        due_day=10,
        start=dt.date(2014, 1, 1),
        end=dt.date(2014, 6, 30),
    )  # one period, due 2014-07-10
    _report(cycle, projects["P1"], a, dt.date(2014, 7, 5), ReportStatus.ACCEPTED)  # A: on time, accepted
    _report(cycle, projects["P2"], a, dt.date(2014, 7, 20), ReportStatus.RETURNED)  # A: late, returned
    # B sends nothing for P3
    _report(cycle, projects["P4"], street, dt.date(2014, 7, 1), ReportStatus.ACCEPTED)
    # targets 打造2至3个: A's P1 at 3 (100 %), P2 at 1 (50 %); B's P3 no value; the street's P4 at 2
    for name, value in (("P1", 3), ("P2", 1), ("P4", 2)):
        TargetValue.objects.create(
            target=projects[name].targets.get(), date=dt.date(2014, 11, 1), value=value
        )
    _order(office, a, projects["P1"], 1, dt.date(2014, 8, 1), dt.date(2014, 7, 30))  # on time
    _order(office, a, projects["P2"], 2, dt.date(2014, 9, 1), dt.date(2014, 9, 10))  # late
    _order(office, b, projects["P3"], 3, dt.date(2014, 9, 1), None)  # not answered
    for unit, points, approved in ((a, "3", True), (a, "4", True), (a, "2", False), (street, "1", True)):
        BonusClaim.objects.create(
            year=2014,
            unit=unit,
            description=f"改革成果{points}",
            points=Decimal(points),
            approved=approved,
            created_by=office,
        )
    scheme = Scheme.objects.create(
        year=2014, weights=WEIGHTS, bonus_cap=Decimal(5), appeal_days=10, created_by=office
    )
    return Small(plan=plan, projects=projects, units=units, scheme=scheme, office=office)


@pytest.fixture
def small(store_plan: Callable[..., Plan], office_user: User) -> Small:
    return build_small(store_plan, office_user)


def by_unit(run: Any) -> dict[str, Any]:
    return {result.unit.name: result for result in run.results.select_related("unit")}
