"""Fixtures of the reporting tests: a plan whose project 区经济促进局 leads, a monthly cycle, a draft."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from pytest_django.fixtures import Settings

from reformtrack.ledger.models import Plan, Project, Unit
from reformtrack.reporting.choices import Frequency
from reformtrack.reporting.models import ProgressReport, ReportingCycle
from reformtrack.reporting.services import report_start

LEAD_UNIT = "区经济促进局"
CO_UNIT = "区科技创新局"
PERIOD = dt.date(2014, 3, 1)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56


@pytest.fixture(autouse=True)
def media_root(settings: Settings, tmp_path: Path) -> Path:
    """Uploaded evidence goes to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media"


@pytest.fixture
def plan(store_plan: Callable[..., Plan]) -> Plan:
    return store_plan(chapters=1, projects=2, children=0, lead_units=(LEAD_UNIT,), co_units=(CO_UNIT,))


@pytest.fixture
def project(plan: Plan) -> Project:
    return plan.projects.filter(level=1).order_by("position").first()  # type: ignore[return-value]


@pytest.fixture
def lead_unit(plan: Plan) -> Unit:
    return Unit.objects.get(name=LEAD_UNIT)


@pytest.fixture
def cycle(plan: Plan) -> ReportingCycle:
    return ReportingCycle.objects.create(
        plan=plan,
        name="2014年月度进展",
        frequency=Frequency.MONTHLY,
        due_day=5,
        grace_days=3,
        start=dt.date(2014, 1, 1),
        end=dt.date(2014, 12, 31),
    )


@pytest.fixture
def report(cycle: ReportingCycle, project: Project, lead_unit: Unit, clerk_user: User) -> ProgressReport:
    return report_start(cycle=cycle, period_start=PERIOD, project=project, unit=lead_unit, by=clerk_user)
