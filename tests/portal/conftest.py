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
