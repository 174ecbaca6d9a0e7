"""Template filters of the plan amendment pages: a change's fields in words."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _

from reformtrack.ledger.models_amend import AmendmentChange, ChangeKind
from reformtrack.ledger.services_amend_base import MODEL_OF

register = template.Library()


def _shown(change: AmendmentChange, name: str, value: Any) -> str:
    if name in ("lead_units", "co_units"):
        names: dict[int, str] = getattr(change, "unit_names", {})
        return "、".join(names.get(pk, str(pk)) for pk in value or [])
    return "" if value is None else str(value)


@register.filter
def changed_fields(change: AmendmentChange) -> list[tuple[str, str, str]]:
    """(field in words, before, after) of a change of fields; nothing for an addition or a drop."""
    if change.kind != ChangeKind.CHANGE:
        return []
    model = MODEL_OF[change.model]
    labels = {"lead_units": _("Lead units"), "co_units": _("Co-units")}
    rows = []
    for name, after in change.after.items():
        label = labels.get(name) or str(getattr(model._meta.get_field(name), "verbose_name", name))
        rows.append((label, _shown(change, name, change.before.get(name)), _shown(change, name, after)))
    return rows
