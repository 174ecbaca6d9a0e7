"""The generic steps of a plan amendment: an object's state, changing it, dropping it, undoing a change.

Every kind of ledger object (chapter, project, measure, target) is amended the same way, so the
services of :mod:`.services_amend` and the revert share these. A state is the object's amendable
fields as JSON (units as lists of unit ids).
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from reformtrack.core.text import multi_line, single_line
from reformtrack.core.versioned import last_save, versioned_update

from .errors import AmendmentRefused, ConcurrentEdit, StateChanged
from .models import Chapter, Measure, Project, Target
from .models_amend import Amendment, AmendmentChange, ChangeKind
from .services_amend_base import (
    MODEL_OF,
    Ledgered,
    archive,
    field_value,
    json_value,
    project_drop_lists,
    record,
    restore,
    save_with_history,
    set_units,
    subtree,
    units_by_id,
    units_of,
)
from .services_amend_move import PLACE, check_move, follows_of, move_project, place_changes
from .services_base import _record_history
from .signals import project_changed

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# The fields an amendment changes, per model; projects and measures have units too.
FIELDS: dict[type[Any], tuple[str, ...]] = {
    Chapter: ("title", "text"),
    Project: ("title", "label", "text", "deadline", "deadline_text"),
    Measure: ("text", "deadline", "deadline_text"),
    Target: ("text", "subject", "min_value", "max_value", "unit", "deadline", "form"),
}
_UNITS = ("lead_units", "co_units")
_SINGLE_LINE = frozenset({"title", "label", "deadline_text", "subject", "unit"})
_MULTI_LINE = frozenset({"text"})
_REQUIRED = frozenset({"title"})


def _has_units(obj: Ledgered) -> bool:
    return isinstance(obj, Project | Measure)


def state(obj: Ledgered) -> dict[str, Any]:
    """The object's amendable fields as JSON."""
    values = {name: json_value(getattr(obj, name)) for name in FIELDS[type(obj)]}
    if isinstance(obj, Project):
        values.update(chapter=obj.chapter_id, number=obj.number)
        values.update(units_of(obj.project_units.all()))
    elif isinstance(obj, Measure):
        values.update(units_of(obj.measure_units.all()))
    return values


def clean_changes(obj: Ledgered, changes: dict[str, Any]) -> dict[str, Any]:
    """The changes as JSON state values, checked: known fields, texts on their lines, a title kept."""
    allowed = set(FIELDS[type(obj)]) | (set(_UNITS) if _has_units(obj) else set())
    if isinstance(obj, Project):
        allowed.add("chapter")
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"cannot change {', '.join(sorted(unknown))} of a {type(obj).__name__}")
    cleaned: dict[str, Any] = {}
    for name, value in changes.items():
        if name in _UNITS:
            cleaned[name] = list(dict.fromkeys(unit.pk for unit in value))
            continue
        if name == "chapter":
            cleaned[name] = getattr(value, "pk", value)
            continue
        if isinstance(value, str) and name in _SINGLE_LINE:
            value = single_line(value)
        elif isinstance(value, str) and name in _MULTI_LINE:
            value = multi_line(value)
        if name in _REQUIRED and not value:
            raise AmendmentRefused(_("A title cannot be empty."))
        if name == "text" and isinstance(obj, Measure | Target) and not value:
            raise AmendmentRefused(_("The text cannot be empty."))
        cleaned[name] = json_value(value)
    if "lead_units" in cleaned and "co_units" in cleaned:
        lead = set(cleaned["lead_units"])
        cleaned["co_units"] = [pk for pk in cleaned["co_units"] if pk not in lead]
    return cleaned


def state_token(obj: Ledgered) -> str:
    """A short digest of the object's state: a form carries it, and a change started from another
    state is refused (chapters, measures and targets have no version column)."""
    text = json.dumps(state(obj), sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def check_token(obj: Ledgered, token: str | None) -> None:
    """Refuse a change started from another state of the object than it has now (see
    :func:`state_token`); no token, no check."""
    if token and token != state_token(obj):
        raise StateChanged(
            _(
                "Someone changed %(what)s after you opened this form; your changes are not saved. "
                "Look at it as it is now and save again."
            )
            % {"what": str(obj)[:40]}
        )


def conflict(project_id: int) -> ConcurrentEdit:
    current = Project.all_objects.select_related("leader").get(pk=project_id)
    return ConcurrentEdit(current, *last_save(Project, project_id))


def write_state(
    obj: Ledgered, values: dict[str, Any], by: User, reason: str, version: int | None = None
) -> None:
    """Write ``values`` (JSON state) to the object with a history row; a project version-checked."""
    fields = {
        name: field_value(obj, name, value)
        for name, value in values.items()
        if name not in _UNITS and name not in PLACE
    }
    if isinstance(obj, Project):
        current = obj.version if version is None else version
        if values.get("chapter") is not None and values["chapter"] != obj.chapter_id:
            # the block moves first: its sub-projects are found by the chapter they share with it
            follows = values.get("follows")
            move_project(obj, chapter_id=values["chapter"], by=by, reason=reason, follows=follows)
            fields.update(chapter_id=values["chapter"], number=values.get("number"))
        if not versioned_update(Project.all_objects.all(), pk=obj.pk, version=current, **fields):
            raise conflict(obj.pk)
        obj.refresh_from_db()
    else:
        for name, value in fields.items():
            setattr(obj, name, value)
    if isinstance(obj, Project | Measure) and values.keys() & set(_UNITS):
        now = state(obj)
        set_units(
            obj,
            units_by_id(values.get("lead_units", now["lead_units"])),
            units_by_id(values.get("co_units", now["co_units"])),
        )
    if isinstance(obj, Project):
        _record_history(obj, by, reason)
    else:
        save_with_history(obj, by, reason)


def announce(projects: list[Project], by: User) -> None:
    """The status app judges these projects' lights again (:data:`.signals.project_changed`)."""
    for project in projects:
        project_changed.send(sender=Project, project=project, by=by)


def change_object(
    amendment: Amendment,
    by: User,
    obj: Ledgered,
    changes: dict[str, Any],
    reason: str,
    version: int | None = None,
) -> AmendmentChange | None:
    """Change the object's fields as one change of the amendment; none if nothing differs.

    A project is written by a version-checked update (``version``: the one the user started from, by
    default the one ``obj`` was read at): a save in between raises :class:`ConcurrentEdit`.
    """
    cleaned = clean_changes(obj, changes)
    before = state(obj)
    changed = [name for name, value in cleaned.items() if before[name] != value]
    if not changed:
        if isinstance(obj, Project) and version is not None and version != obj.version:
            raise conflict(obj.pk)
        return None
    after = {name: cleaned[name] for name in changed}
    was = {name: before[name] for name in changed}
    if isinstance(obj, Project) and "chapter" in changed:
        check_move(obj, cleaned["chapter"])
        after.update(place_changes(obj, cleaned))
        was.update(number=before["number"], follows=follows_of(obj))
    write_state(obj, after, by, reason, version)
    if "chapter" in after and isinstance(obj, Project):
        after["follows"] = follows_of(obj)  # where it landed, for a revert of the revert
    change = record(amendment, kind=ChangeKind.CHANGE, obj=obj, before=was, after=after, reason=reason)
    if ("deadline" in changed or "chapter" in changed) and isinstance(obj, Project):
        announce([obj], by)
    elif "deadline" in changed and isinstance(obj, Measure | Target):
        announce([obj.project], by)
    return change


def drop_lists(obj: Ledgered) -> dict[str, list[int]]:
    """What dropping the object archives with it."""
    if isinstance(obj, Chapter):
        projects = list(Project.objects.filter(chapter=obj))
        return {"chapters": [obj.pk], **project_drop_lists(projects)}
    if isinstance(obj, Project):
        return project_drop_lists(subtree(obj))
    if isinstance(obj, Measure):
        return {"measures": [obj.pk]}
    return {"targets": [obj.pk]}


def drop_object(
    amendment: Amendment, by: User, obj: Ledgered, reason: str, lists: dict[str, list[int]] | None = None
) -> AmendmentChange:
    """Archive the object with what hangs off it in the ledger, as one change of the amendment."""
    dropped: dict[str, Any] = dict(lists if lists is not None else drop_lists(obj))
    dropped["archived_at"] = archive(
        by,
        reason,
        chapters=dropped.get("chapters", ()),
        projects=dropped.get("projects", ()),
        measures=dropped.get("measures", ()),
        targets=dropped.get("targets", ()),
    )
    obj.refresh_from_db()
    return record(
        amendment, kind=ChangeKind.DROP, obj=obj, before={"archived_at": None}, after=dropped, reason=reason
    )


def undo_change(amendment: Amendment, by: User, change: AmendmentChange, reason: str) -> None:
    """Undo one change of a reverted amendment as a change of ``amendment`` (the revert)."""
    obj: Ledgered = MODEL_OF[change.model].all_objects.get(pk=change.object_id)
    if change.kind == ChangeKind.DROP:
        restored = restore(by, reason, change.after)
        obj.refresh_from_db()
        lists = {key: value for key, value in change.after.items() if key != "archived_at"}
        record(amendment, kind=ChangeKind.RESTORE, obj=obj, before=change.after, after=lists, reason=reason)
        announce(restored, by)
        return
    if change.kind == ChangeKind.RESTORE:
        drop_object(amendment, by, obj, reason, lists=change.after)
        return
    if change.kind == ChangeKind.ADD:
        if obj.archived_at is None:
            drop_object(amendment, by, obj, reason)
        return
    now = state(obj)
    # the project a moved project followed is where it was put, not a field someone changes
    moved = [name for name, value in change.after.items() if name != "follows" and now.get(name) != value]
    if moved:
        raise AmendmentRefused(
            _("%(what)s was changed again after amendment %(number)s (%(fields)s); revert that change first.")
            % {"what": str(obj)[:40], "number": change.amendment.number, "fields": ", ".join(moved)}
        )
    write_state(obj, dict(change.before), by, reason)
    record(
        amendment,
        kind=ChangeKind.CHANGE,
        obj=obj,
        before=dict(change.after),
        after=dict(change.before),
        reason=reason,
    )
