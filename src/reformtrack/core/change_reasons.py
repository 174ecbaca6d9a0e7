"""History reasons in the reader's language.

django-simple-history keeps one ``history_change_reason`` per record. The services store there either
what a person typed (an order's reason, an amendment's reason: shown as typed) or a code of the
change: a fixed word such as ``submitted``, or a code with parameters such as ``saved done, problems``
(the fields) or ``moved from 区X局`` (a name). The codes are the same words the records have held since
the start, so old and new rows read alike: this module words each code through gettext when a page
shows it, and gives anything it does not know back unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# the fixed codes: the record's event, said in a word
FIXED: dict[str, Promise] = {
    "created": pgettext_lazy("history", "created"),
    "history started": _("history started"),
    "submitted": pgettext_lazy("history", "submitted"),
    "resubmitted": pgettext_lazy("history", "resubmitted"),
    "returned": pgettext_lazy("history", "returned"),
    "accepted": pgettext_lazy("history", "accepted"),
    "discarded": pgettext_lazy("history", "discarded"),
    "removed": pgettext_lazy("history", "removed"),
    "evidence": pgettext_lazy("history", "evidence added"),
    "saved with the report": _("saved with the report"),
    "issued": pgettext_lazy("history", "issued"),
    "answered": pgettext_lazy("history", "answered"),
    "closed": pgettext_lazy("history", "closed out"),
    "escalated": pgettext_lazy("history", "escalated"),
    "requested": pgettext_lazy("history", "requested"),
    "deadline extended": _("deadline extended"),
    "regenerate": pgettext_lazy("history", "regenerated"),
    "generated": pgettext_lazy("history", "generated"),
    "edited": pgettext_lazy("history", "edited"),
    "published": pgettext_lazy("history", "published"),
    "tag added": _("tag added"),
    "tag removed": _("tag removed"),
    "alias added": _("alias added"),
    "alias removed": _("alias removed"),
    "alias added on import": _("alias added on import"),
    "became the unit's name": _("became the unit's name"),
    "start date": _("start date set"),
    "changed nothing": _("saved without a change"),
    "approved": pgettext_lazy("history", "approved"),
    "rejected": pgettext_lazy("history", "rejected"),
    "progress from measures": _("progress rolled up from the measures"),
    "old name kept as alias": _("old name kept as an alias"),
}


def _fields(model: type[Model] | None) -> Callable[[str], str]:
    """Field names (``a, b``) as the model's verbose names, joined the Chinese way."""

    def word(name: str) -> str:
        try:
            found = model._meta.get_field(name) if model is not None else None
        except FieldDoesNotExist:
            return name
        return str(getattr(found, "verbose_name", name))

    return lambda names: "、".join(word(name.strip()) for name in names.split(","))


# codes with parameters: the pattern of the stored code and its wording; a ``fields`` group holds
# field names, a ``note`` group what the person typed with the change (shown after the wording)
PATTERNS: list[tuple[re.Pattern[str], Promise]] = [
    (re.compile(r"saved (?P<fields>.+)"), _("saved: %(fields)s")),
    (re.compile(r"changed (?P<fields>.+)"), _("changed: %(fields)s")),
    (re.compile(r"moved from (?P<name>.+)"), _("moved over from %(name)s")),
    (re.compile(r"renamed from (?P<name>.+)"), _("renamed from %(name)s")),
    (re.compile(r"name of (?P<name>.+), merged"), _("name of %(name)s, merged")),
    (re.compile(r"merged (?P<name>.+?) into it(?:: (?P<note>.+))?"), _("%(name)s merged into this unit")),
    (re.compile(r"merged into (?P<name>.+?)(?:: (?P<note>.+))?"), _("merged into %(name)s")),
    (re.compile(r"progress update from (?P<name>.+)"), _("progress updated from %(name)s")),
    (re.compile(r"members: (?P<name>.+)"), _("members: %(name)s")),
    (re.compile(r"weights: project (?P<change>\S+)(?:: (?P<note>.+))?"), _("project weight %(change)s")),
    (re.compile(r"weight (?P<change>\S+)(?:: (?P<note>.+))?"), _("weight %(change)s")),
    (re.compile(r"start date: (?P<note>.+)"), _("start date set")),
    (
        re.compile(r"assigned: leader (?P<leader>.*); lead (?P<lead>.*); co (?P<co>.*)"),
        _("assigned: leader in charge %(leader)s; lead units %(lead)s; co-units %(co)s"),
    ),
]


def change_reason_text(reason: str, model: type[Model] | None = None) -> str:
    """A stored history reason in the active language; ``model`` names the fields of a field list."""
    reason = reason.strip()
    if reason in FIXED:
        return str(FIXED[reason])
    for pattern, wording in PATTERNS:
        match = pattern.fullmatch(reason)
        if match is None:
            continue
        params: dict[str, Any] = {k: v or "" for k, v in match.groupdict().items()}
        if "fields" in params:
            params["fields"] = _fields(model)(params["fields"])
        text = str(wording) % params
        if params.get("note"):
            return _("%(change)s: %(note)s") % {"change": text, "note": params["note"]}
        return text
    return reason


def record_reason(record: Any) -> str:
    """A history record's reason, worded; without one, what the record did (created, changed …)."""
    reason = str(getattr(record, "history_change_reason", None) or "")
    if reason:
        return change_reason_text(reason, getattr(record, "instance_type", None))
    return str(record.get_history_type_display())
