"""Helpers the ledger's service modules share: permission checks, history rows, reasons."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Model

from .models import Unit

if TYPE_CHECKING:
    from django.contrib.auth.models import User

_REASON_LENGTH = 100  # django-simple-history's history_change_reason column


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _reason(text: str) -> str:
    return text if len(text) <= _REASON_LENGTH else text[: _REASON_LENGTH - 1] + "…"


def _record_history(instance: Model, by: User | None, reason: str = "") -> None:
    """Write the history row of a change made with ``QuerySet.update`` (which sends no signals)."""
    type(instance).history.bulk_history_create(  # type: ignore[attr-defined]
        [instance], update=True, default_user=by, default_change_reason=_reason(reason)
    )


def _distinct(units: Iterable[Unit]) -> list[Unit]:
    seen: set[int] = set()
    result: list[Unit] = []
    for unit in units:
        if unit.pk not in seen:
            seen.add(unit.pk)
            result.append(unit)
    return result
