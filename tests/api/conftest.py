"""The API's world: two plans (the clerk's unit leads the "own" project, 区财政局 alone the
"other"), a target value, a report and an order on each, and a token per role."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from reformtrack.api.choices import TokenScope
from reformtrack.api.services import token_create
from reformtrack.ledger.models import Plan, Project, TargetValue, Unit
from reformtrack.ledger.services import plan_import
from reformtrack.reporting.models import ProgressReport, ReportingCycle
from reformtrack.supervision.models import SupervisionOrder

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from reformtrack.ingest.model import ParsedPlan

    MakePlan = Callable[..., ParsedPlan]

# the units of the role fixtures of tests/conftest.py: the clerk's and unit lead's, the co-unit's
CLERK_UNIT = "区经济促进局"
COUNIT_UNIT = "区科技创新局"
OTHER_UNIT = "区财政局"
ROLES = ("office", "leader", "supervision", "unit_lead", "clerk", "counit", "outsider")


@dataclass
class ApiWorld:
    projects: dict[str, Project]
    reports: dict[str, ProgressReport]
    orders: dict[str, SupervisionOrder]
    values: dict[str, TargetValue]


def _plan(make_plan: MakePlan, source: bytes, lead: str, co: tuple[str, ...]) -> Plan:
    parsed = make_plan(chapters=1, projects=1, children=0, measures=1, lead_units=(lead,), co_units=co)
    return plan_import(parsed=parsed, source_bytes=source, filename="plan.txt")


@pytest.fixture(autouse=True)
def _fresh_throttles() -> Iterator[None]:
    """Throttle counts live in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api_world(db: None, make_plan: MakePlan, office_user: User) -> ApiWorld:
    own = _plan(make_plan, b"own", CLERK_UNIT, (COUNIT_UNIT,)).projects.get()
    other = _plan(make_plan, b"other", OTHER_UNIT, ()).projects.get()
    found = ApiWorld(projects={"own": own, "other": other}, reports={}, orders={}, values={})
    for variant, project, unit in (("own", own, CLERK_UNIT), ("other", other, OTHER_UNIT)):
        cycle = ReportingCycle.objects.create(
            plan=project.plan, name="月报", start=dt.date(2014, 1, 1), end=dt.date(2014, 12, 31)
        )
        found.reports[variant] = ProgressReport.objects.create(
            cycle=cycle,
            period_start=dt.date(2014, 3, 1),
            period_end=dt.date(2014, 3, 31),
            project=project,
            unit=Unit.objects.get(name=unit),
        )
        found.orders[variant] = SupervisionOrder.objects.create(
            year=2014,
            sequence=len(found.orders) + 1,
            issued_by=office_user,
            issuing_office="coordinating",
            unit=Unit.objects.get(name=unit),
            project=project,
            reason="进度滞后",
            requirements="限期整改",
            response_due=dt.date(2014, 7, 1),
            grade="blue",
        )
        found.values[variant] = TargetValue.objects.create(
            target=project.targets.get(), date=dt.date(2014, 6, 30), value=1
        )
    return found


@pytest.fixture
def user_of(request: pytest.FixtureRequest) -> Callable[[str], User]:
    """The fixture user of a role of ROLES."""
    names = {"outsider": "outsider_clerk", "counit": "counit_user"}

    def user(role: str) -> User:
        found: User = request.getfixturevalue(names.get(role, f"{role}_user"))
        return found

    return user


@pytest.fixture
def token_client(office_user: User) -> Callable[..., APIClient]:
    """An API client sending a new token of ``user`` (the office creates it)."""

    def client(user: User, scope: str = TokenScope.WRITE) -> APIClient:
        _, key = token_create(by=office_user, name=f"token of {user.get_username()}", owner=user, scope=scope)
        found = APIClient()
        found.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        return found

    return client


def ids(response: Any) -> set[int]:
    """The ids of a list answer's page."""
    assert response.status_code == 200, response.content
    return {row.get("id", row.get("project")) for row in response.json()["results"]}
