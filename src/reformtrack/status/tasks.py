"""The status lights as a background task (Django Tasks), for a daily run by a scheduler."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django_tasks import task

from .services import lights_recompute


@task()
def lights_recompute_task(plan_ids: list[int] | None = None, date: str | None = None) -> dict[str, Any]:
    """Compute the lights of the plans given (all by default) as of ``date`` (ISO; default today).

    Arguments and result are plain JSON, as the task backends store them.
    """
    today = dt.date.fromisoformat(date) if date else timezone.localdate()
    return lights_recompute(plans=plan_ids, today=today).as_dict()
