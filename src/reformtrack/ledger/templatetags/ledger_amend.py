"""Template filters of the plan amendment pages: a change's fields in words."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from reformtrack.ledger.choices import TargetForm
from reformtrack.ledger.models_amend import AmendmentChange, ChangedModel, ChangeKind
from reformtrack.ledger.services_amend_base import MODEL_OF

register = template.Library()


# what a move records besides the chapter (the project it followed): not for readers
_HIDDEN = frozenset({"follows"})


def _shown(change: AmendmentChange, name: str, value: Any) -> str:
    """A recorded value as people read it: units and chapters by name, dates as the language writes
    them (2015年6月30日), a target's form in words."""
    if value is None or value == "":
        return ""
    if name in ("lead_units", "co_units"):
        names: dict[int, str] = getattr(change, "unit_names", {})
        return "、".join(names.get(pk, str(pk)) for pk in value or [])
    if name == "chapter":
        chapters: dict[int, str] = getattr(change, "chapter_names", {})
        return chapters.get(value, str(value))
    if name == "deadline":
        try:
            return date_format(dt.date.fromisoformat(str(value)))
        except ValueError:
            return str(value)
    if name == "form" and change.model == ChangedModel.TARGET:
        return str(TargetForm(value).label) if value in TargetForm.values else str(value)
    return str(value)


@register.filter
def changed_fields(change: AmendmentChange) -> list[tuple[str, str, str]]:
    """(field in words, before, after) of a change of fields; nothing for an addition or a drop."""
    if change.kind != ChangeKind.CHANGE:
        return []
    model = MODEL_OF[change.model]
    labels = {"lead_units": _("Lead units"), "co_units": _("Co-units")}
    rows = []
    for name, after in change.after.items():
        if name in _HIDDEN:
            continue
        label = labels.get(name) or str(getattr(model._meta.get_field(name), "verbose_name", name))
        rows.append((label, _shown(change, name, change.before.get(name)), _shown(change, name, after)))
    return rows
