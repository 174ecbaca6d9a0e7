"""`reformtrack remind` inline (cron), --dry-run and --enqueue; `reformtrack scheduler` every N minutes."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from reformtrack.reminders.models import Delivery, Notification

from .conftest import DUE, Programme

pytestmark = pytest.mark.django_db

DAY = (DUE + dt.timedelta(days=1)).isoformat()


def _run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_sends_inline_and_says_what_it_did(programme: Programme, mail_outbox: list[Any]) -> None:
    out, _ = _run("remind", "--date", DAY)
    again, _ = _run("remind", "--date", DAY)

    assert out == f"{DAY}: 4 recorded, 4 sent, 0 failed, 0 retried\n"
    assert again == f"{DAY}: 0 recorded, 0 sent, 0 failed, 0 retried\n"
    assert Notification.objects.filter(recipient=programme.clerk).count() == 1


def test_the_dry_run_sends_nothing(programme: Programme, mail_outbox: list[Any]) -> None:
    out, _ = _run("remind", "--date", DAY, "--dry-run")

    assert "【催办】区经济促进局：" in out
    assert "→ reform_lead, clerk, unit_lead\n" in out  # the reform lead first, then accounts by id
    assert out.endswith(f"1 reminder(s) owed on {DAY} (dry run: nothing sent)\n")
    assert not Delivery.objects.exists()


def test_it_prints_failures(programme: Programme, settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2

    out, err = _run("remind", "--date", DAY)

    assert "1 failed" in out
    assert err.startswith("failed: report:") and "email:user" in err


def test_enqueue_leaves_the_task_to_the_worker(programme: Programme) -> None:
    out, _ = _run("remind", "--date", DAY, "--enqueue")

    task = DBTaskResult.objects.get()
    assert out == f"enqueued reminders for {DAY}: task {task.id}\n"
    assert task.task_path == "reformtrack.reminders.tasks.reminders_send_task"
    assert task.args_kwargs == {"args": [], "kwargs": {"date": DAY}}
    assert not Delivery.objects.exists()


def test_the_scheduler_enqueues_the_lights_and_the_reminders_every_n_minutes() -> None:
    out, _ = _run("scheduler", "--every", "0", "--max-runs", "3")

    paths = list(DBTaskResult.objects.order_by("enqueued_at", "id").values_list("task_path", flat=True))
    lights, reminders = (
        "reformtrack.status.tasks.lights_recompute_task",
        "reformtrack.reminders.tasks.reminders_send_task",
    )
    assert paths.count(lights) == paths.count(reminders) == 3
    assert out.count("enqueued lights: task ") == 3 and out.count("; reminders: task ") == 3
