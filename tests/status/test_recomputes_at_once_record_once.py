"""Two recomputations at the same moment (cron and the scheduler) record each change of a light once."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from reformtrack.ledger.models import Measure, Project
from reformtrack.status.models import StatusChange
from reformtrack.status.services import lights_recompute

from .conftest import TODAY, build_lights_plan


@pytest.mark.django_db(transaction=True)
def test_two_recomputations_at_once_record_each_change_once(transactional_db: None) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL")
    plan = build_lights_plan(300)
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def recompute() -> None:
        start.wait()
        try:
            lights_recompute(plans=[plan], today=TODAY)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=recompute) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    judged = Project.objects.filter(plan=plan).count() + Measure.objects.filter(project__plan=plan).count()
    assert StatusChange.objects.filter(project__plan=plan).count() == judged
