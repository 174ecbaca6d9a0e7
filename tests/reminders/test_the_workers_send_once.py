"""The task runs for real on both backends: django-tasks-db's worker and an RQ worker on Redis."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from reformtrack.reminders.models import Notification
from reformtrack.reminders.tasks import reminders_send_task

from .conftest import DUE, build_programme

DAY = (DUE + dt.timedelta(days=1)).isoformat()
REDIS_URL = "redis://127.0.0.1:6379/5"  # this suite's own database: flushed, nobody else's


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_sends_the_reminders_once(
    store_plan: Any, make_user: Any, mail_outbox: list[Any]
) -> None:
    programme = build_programme(store_plan, make_user)
    reminders_send_task.enqueue(date=DAY)
    reminders_send_task.enqueue(date=DAY)  # twice: still one reminder

    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)

    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    assert [r.return_value["sent"] for r in DBTaskResult.objects.order_by("enqueued_at")] == [4, 0]
    assert Notification.objects.filter(recipient=programme.clerk).count() == 1
    assert len(mail_outbox) == 1


@pytest.fixture
def redis() -> Iterator[Any]:
    """Redis database 5, empty; down: skipped locally, a failure under CI=true."""
    from redis import Redis
    from redis.exceptions import ConnectionError as RedisDown

    connection = Redis.from_url(REDIS_URL)
    try:
        connection.ping()
    except RedisDown:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"Redis is not running at {REDIS_URL} (CI=true: the RQ backend must be tested)")
        pytest.skip(f"Redis is not running at {REDIS_URL}")
    connection.flushdb()
    yield connection
    connection.flushdb()


@pytest.mark.django_db(transaction=True)
def test_the_rq_worker_sends_the_reminders_once(
    redis: Any, store_plan: Any, make_user: Any, mail_outbox: list[Any]
) -> None:
    import django_rq
    from django_tasks_rq.backend import Job
    from rq import SimpleWorker

    programme = build_programme(store_plan, make_user)
    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}},
        RQ_QUEUES={"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 60}},
    ):
        first = reminders_send_task.enqueue(date=DAY)
        reminders_send_task.enqueue(date=DAY)
        queue = django_rq.get_queue("default", job_class=Job)
        assert queue.count == 2

        SimpleWorker([queue], connection=queue.connection, job_class=Job).work(burst=True)

        first.refresh()
        assert first.status == "SUCCESSFUL"
        assert first.return_value is not None and first.return_value["sent"] == 4
    assert Notification.objects.filter(recipient=programme.clerk).count() == 1
    assert len(mail_outbox) == 1
