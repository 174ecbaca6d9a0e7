"""A plan whose project 区经济促进局 leads, reported on quarterly: Q3 2014 is due on 5 October 2014."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest

from reformtrack.accounts.choices import Role

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from reformtrack.ledger.models import Plan, Project, Unit
    from reformtrack.reporting.models import ReportingCycle

CLERK_UNIT = "区经济促进局"
DUE = dt.date(2014, 10, 5)  # Q3 2014 ends on 30 September; due_day 5


@dataclass
class Programme:
    """The objects of a reminders test."""

    plan: Plan
    project: Project
    unit: Unit
    cycle: ReportingCycle
    clerk: User
    unit_lead: User
    reform_lead: User
    counit: User


def build_programme(
    store_plan: Callable[..., Plan], create_user: Callable[..., User], source: bytes = b"reminders"
) -> Programme:
    from reformtrack.ledger.models import Unit
    from reformtrack.reporting.models import ReportingCycle

    plan = store_plan(
        source,
        chapters=1,
        projects=1,
        measures=1,
        children=0,
        lead_units=(CLERK_UNIT,),
        co_units=("区科技创新局",),
    )
    project = plan.projects.get()
    unit = Unit.objects.get(name=CLERK_UNIT)
    cycle = ReportingCycle.objects.create(
        plan=plan,
        name="季报",
        frequency="quarterly",
        due_day=5,
        start=dt.date(2014, 7, 1),
        end=dt.date(2014, 12, 31),
    )
    clerk = create_user(Role.CLERK, unit, username="clerk")
    clerk.email = "clerk@example.org"
    clerk.save()
    unit_lead = create_user(Role.UNIT_LEAD, unit, username="unit_lead")
    reform_lead = create_user(None, username="reform_lead")  # named on the unit, without a profile
    Unit.objects.filter(pk=unit.pk).update(reform_lead=reform_lead)
    counit = create_user(Role.COUNIT, "区科技创新局", username="counit")
    return Programme(plan, project, unit, cycle, clerk, unit_lead, reform_lead, counit)


@pytest.fixture
def programme(store_plan: Callable[..., Plan], make_user: Callable[..., User]) -> Programme:
    """The plan, its cycle and the people of 区经济促进局 (the clerk has an e-mail address)."""
    return build_programme(store_plan, make_user)


@pytest.fixture
def mail_outbox(settings: Any) -> list[Any]:
    """Django's test outbox (pytest-django empties it for every test)."""
    from django.core import mail

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return mail.outbox
