"""The project list costs the same number of queries for 2 projects or 20."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from reformtrack.ledger.services import plan_import

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from .conftest import MakePlan


def _queries(api: APIClient) -> int:
    api.get("/api/projects/")  # the token's last use is written once a minute: not counted below
    with CaptureQueriesContext(connection) as queries:
        response = api.get("/api/projects/", {"page_size": 100})
    assert response.status_code == 200
    return len(queries)


def test_the_project_list_costs_the_same_for_any_number_of_projects(
    make_plan: MakePlan, office_user: User, clerk_user: User, token_client: Callable[..., APIClient]
) -> None:
    plan_import(parsed=make_plan(projects=1, children=0), source_bytes=b"a", filename="a.txt")
    office, clerk = token_client(office_user), token_client(clerk_user)
    few = {"office": _queries(office), "clerk": _queries(clerk)}

    plan_import(parsed=make_plan(projects=10, children=0), source_bytes=b"b", filename="b.txt")

    assert {"office": _queries(office), "clerk": _queries(clerk)} == few
    assert few["office"] <= 8, few
