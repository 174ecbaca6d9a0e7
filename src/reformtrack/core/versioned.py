"""The version-checked update that every editable record uses (projects, reports, bulletins): a
save never overwrites one the user has not seen.

The write is one ``UPDATE … SET …, version = version + 1 WHERE pk = … AND version = <the version
the form was opened at>``: when someone saved in between, no row matches and nothing is written.
:func:`last_save` then says who saved first and when, from the record's history.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import F, Model, QuerySet


def versioned_update(queryset: QuerySet[Any], *, pk: int, version: int, **changes: Any) -> bool:
    """Write ``changes`` to row ``pk`` of ``queryset`` and bump its version, if the row still has
    ``version`` (and is in ``queryset``, so a caller can add conditions such as a status). Whether
    it matched."""
    return bool(queryset.filter(pk=pk, version=version).update(**changes, version=F("version") + 1))


def last_save(model: type[Model], pk: int) -> tuple[Any, dt.datetime | None]:
    """Who saved row ``pk`` of ``model`` last, and when (django-simple-history); ``(None, None)``
    for a record with no history."""
    history = model.history  # type: ignore[attr-defined]
    last = (
        history.filter(id=pk).select_related("history_user").order_by("-history_date", "-history_id").first()
    )
    return (last.history_user, last.history_date) if last else (None, None)
