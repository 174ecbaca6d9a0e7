"""A project 区经济促进局 leads with a quarterly cycle, its clerk, an endpoint subscribed to every
event, and a real HTTP receiver on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest

from reformtrack.accounts.choices import Role
from reformtrack.webhooks.choices import NoticeKind

from .receiver import Receiver, receiver_server

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from reformtrack.ledger.models import Project, Unit
    from reformtrack.reporting.models import ProgressReport, ReportingCycle
    from reformtrack.webhooks.models import Endpoint

CLERK_UNIT = "区经济促进局"
Q3 = dt.date(2014, 7, 1)
Capture = Callable[..., Any]


@dataclass
class Programme:
    project: Project
    unit: Unit
    cycle: ReportingCycle
    clerk: User


@pytest.fixture
def programme(store_plan: Callable[..., Any], make_user: Callable[..., User]) -> Programme:
    from reformtrack.ledger.models import Unit
    from reformtrack.reporting.models import ReportingCycle

    plan = store_plan(b"webhooks", chapters=1, projects=1, measures=1, children=0, lead_units=(CLERK_UNIT,))
    cycle = ReportingCycle.objects.create(
        plan=plan, name="季报", frequency="quarterly", due_day=5, start=Q3, end=dt.date(2014, 12, 31)
    )
    unit = Unit.objects.get(name=CLERK_UNIT)
    clerk = make_user(Role.CLERK, unit, username="clerk")
    return Programme(plan.projects.get(), unit, cycle, clerk)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with receiver_server() as server:
        yield server


@pytest.fixture
def endpoint(receiver: Receiver, office_user: User) -> Endpoint:
    """An active endpoint at the receiver, subscribed to every event."""
    from reformtrack.webhooks.services import endpoint_create

    return endpoint_create(by=office_user, name="市改革平台", url=receiver.url, events=NoticeKind.values)


def draft_report(programme: Programme) -> ProgressReport:
    """The unit's Q3 2014 report on the project, as a draft ready to submit."""
    from reformtrack.reporting.services import report_save_draft, report_start

    report = report_start(
        cycle=programme.cycle,
        period_start=Q3,
        project=programme.project,
        unit=programme.unit,
        by=programme.clerk,
    )
    return report_save_draft(report=report, by=programme.clerk, version=report.version, done="完成调研")


def submit(programme: Programme, capture: Capture) -> ProgressReport:
    """Submit the draft, running what follows the commit (the signals)."""
    from reformtrack.reporting.services import report_submit

    report = draft_report(programme)
    with capture(execute=True):
        return report_submit(report=report, by=programme.clerk, version=report.version)
