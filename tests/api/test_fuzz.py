"""Schemathesis against a running server: every operation of the schema, with the office's write
token, answers no 5xx and only status codes its schema documents. Few examples per operation,
derandomized, so the run is short and the same every time.

The operations are walked in one test (schemathesis' strategies under Hypothesis' ``given``): its
lazy pytest loader does not run under this pytest.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import status_code_conformance

from reformtrack.api.services import token_create
from reformtrack.ledger.services import plan_import

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from .conftest import MakePlan

EXAMPLES = 5  # per operation


def test_no_operation_fails_or_answers_undocumented(
    transactional_db: None, live_server: Any, make_plan: MakePlan, office_user: User
) -> None:
    plan_import(parsed=make_plan(projects=2, children=1), source_bytes=b"fuzz", filename="fuzz.txt")
    key = token_create(by=office_user, name="schemathesis", owner=office_user, scope="write")[1]
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/schema/?format=json")
    results = list(schema.get_all_operations())
    assert all(isinstance(result, Ok) for result in results), results  # no operation unreadable
    operations = [result.ok() for result in results if isinstance(result, Ok)]
    assert len(operations) > 25

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            derandomize=True,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def check(case: Any) -> None:
            case.call_and_validate(
                headers={"Authorization": f"Token {key}"},
                checks=[not_a_server_error, status_code_conformance],
            )

        check()
