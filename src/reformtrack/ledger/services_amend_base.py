"""What the plan amendment services share: the checks, the change rows, positions, archiving.

A change is written as the object's fields before and after (JSON), so a revert knows what to put
back and the project page what to show. Archiving sets ``archived_at`` on the object and on what
hangs off it in the ledger (a project's sub-projects, measures, targets); reports, orders, evidence
and history keep pointing at the archived rows, which stay in the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import F, Field, Max, Model, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from reformtrack.accounts.permissions import can_manage_programme

from .choices import UnitRole
from .errors import AmendmentRefused, NotCoordinatingOffice
from .models import Chapter, Measure, MeasureUnit, Project, ProjectUnit, Target, Unit
from .models_amend import Amendment, AmendmentChange, ChangedModel, ChangeKind
from .services_base import _distinct, _reason

if TYPE_CHECKING:
    from django.contrib.auth.models import User

Ledgered = Chapter | Project | Measure | Target

MODEL_OF: dict[str, type[Chapter] | type[Project] | type[Measure] | type[Target]] = {
    ChangedModel.CHAPTER: Chapter,
    ChangedModel.PROJECT: Project,
    ChangedModel.MEASURE: Measure,
    ChangedModel.TARGET: Target,
}
NAME_OF = {model: name for name, model in MODEL_OF.items()}


def lock_amendment(amendment: Amendment, by: User) -> Amendment:
    """The amendment, locked for this transaction (change positions are allocated under the lock),
    after checking ``by`` is the coordinating office and the amendment takes changes."""
    if not can_manage_programme(by):
        raise NotCoordinatingOffice
    locked = Amendment.objects.select_for_update().get(pk=amendment.pk)
    if locked.reverted_at is not None:
        raise AmendmentRefused(
            _("Amendment %(number)s has been reverted; open a new amendment.") % {"number": locked.number}
        )
    return locked


def require_reason(reason: str) -> str:
    """A reason on one line, or :class:`AmendmentRefused` when there is none."""
    reason = " ".join(reason.split())
    if not reason:
        raise AmendmentRefused(_("Give a reason for the change."))
    return reason


def require_live(obj: Ledgered, amendment: Amendment) -> None:
    """The object is of the amendment's plan and not archived."""
    project = getattr(obj, "project", None)
    plan_id = (
        project.plan_id if isinstance(obj, Measure | Target) and project else getattr(obj, "plan_id", None)
    )
    if plan_id != amendment.plan_id:
        raise AmendmentRefused(_("%(what)s is not of this plan.") % {"what": str(obj)[:40]})
    if obj.archived_at is not None:
        raise AmendmentRefused(_("%(what)s has been dropped already.") % {"what": str(obj)[:40]})


def record(
    amendment: Amendment,
    *,
    kind: ChangeKind,
    obj: Ledgered,
    before: dict[str, Any],
    after: dict[str, Any],
    reason: str,
) -> AmendmentChange:
    """The change row, next in the amendment (which the caller holds locked)."""
    last = AmendmentChange.objects.filter(amendment=amendment).aggregate(last=Max("position"))["last"]
    project: Project | None = None
    if isinstance(obj, Project):
        project = obj
    elif isinstance(obj, Measure | Target):
        project = obj.project
    return AmendmentChange.objects.create(
        amendment=amendment,
        position=0 if last is None else last + 1,
        kind=kind,
        model=NAME_OF[type(obj)],
        object_id=obj.pk,
        project=project,
        label=str(obj)[:200],
        before=before,
        after=after,
        reason=reason,
    )


def save_with_history(obj: Model, by: User, reason: str) -> None:
    """Save ``obj`` with ``by`` and ``reason`` on its history row."""
    obj._history_user = by  # type: ignore[attr-defined]
    obj._change_reason = _reason(reason)  # type: ignore[attr-defined]
    obj.save()


def json_value(value: Any) -> Any:
    """A field's value as JSON holds it: dates as ISO text, decimals as text."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def field_value(obj: Model, name: str, value: Any) -> Any:
    """A JSON value back as the model's field takes it."""
    if value is None:
        return None
    field = obj._meta.get_field(name)
    assert isinstance(field, Field)
    return field.to_python(value)


def shift_positions(rows: QuerySet[Any], start: int) -> None:
    """Make room at ``start``: every row of ``rows`` at ``start`` or later moves one place down.

    In two steps past the largest position, as a unique (…, position) constraint is checked row by row
    on PostgreSQL and a plain ``position + 1`` would collide with the next row.
    """
    later = rows.filter(position__gte=start)
    top = later.aggregate(top=Max("position"))["top"]
    if top is None:
        return
    offset = top + 1
    later.update(position=F("position") + offset)
    rows.filter(position__gte=start + offset).update(position=F("position") - offset + 1)


def next_position(rows: QuerySet[Any]) -> int:
    last = rows.aggregate(last=Max("position"))["last"]
    return 0 if last is None else last + 1


def units_of(links: Iterable[ProjectUnit | MeasureUnit]) -> dict[str, list[int]]:
    """The lead and co-unit ids of a project's or measure's links, in printed order."""
    ordered: list[ProjectUnit | MeasureUnit] = sorted(links, key=lambda link: (link.role, link.position))
    return {
        "lead_units": [link.unit_id for link in ordered if link.role == UnitRole.LEAD],
        "co_units": [link.unit_id for link in ordered if link.role == UnitRole.CO],
    }


def units_by_id(ids: Sequence[int]) -> list[Unit]:
    found = Unit.objects.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def set_units(obj: Project | Measure, lead: Iterable[Unit], co: Iterable[Unit]) -> None:
    """Replace the object's lead and co-units (a unit named both is a lead unit)."""
    lead_units = _distinct(lead)
    co_units = [unit for unit in _distinct(co) if unit.pk not in {u.pk for u in lead_units}]
    if isinstance(obj, Project):
        ProjectUnit.objects.filter(project=obj).delete()
        ProjectUnit.objects.bulk_create(
            [
                ProjectUnit(project=obj, unit=u, role=UnitRole.LEAD, position=i)
                for i, u in enumerate(lead_units)
            ]
            + [ProjectUnit(project=obj, unit=u, role=UnitRole.CO, position=i) for i, u in enumerate(co_units)]
        )
    else:
        MeasureUnit.objects.filter(measure=obj).delete()
        MeasureUnit.objects.bulk_create(
            [
                MeasureUnit(measure=obj, unit=u, role=UnitRole.LEAD, position=i)
                for i, u in enumerate(lead_units)
            ]
            + [MeasureUnit(measure=obj, unit=u, role=UnitRole.CO, position=i) for i, u in enumerate(co_units)]
        )


def subtree(project: Project) -> list[Project]:
    """The project and its live sub-projects at every depth (one query per level)."""
    found = [project]
    level = [project.pk]
    while level:
        children = list(Project.objects.filter(parent__in=level))
        found.extend(children)
        level = [child.pk for child in children]
    return found


def archive(
    by: User,
    reason: str,
    *,
    chapters: Sequence[int] = (),
    projects: Sequence[int] = (),
    measures: Sequence[int] = (),
    targets: Sequence[int] = (),
) -> str:
    """Archive the rows given (ids), with a history row each; the time stamp as ISO text.

    Projects get a new version: an edit form opened before the drop cannot write to them unseen.
    """
    now = timezone.now()
    lists: tuple[tuple[Any, Sequence[int]], ...] = (
        (Chapter, chapters),
        (Project, projects),
        (Measure, measures),
        (Target, targets),
    )
    for model, ids in lists:
        if not ids:
            continue
        rows: QuerySet[Any] = model.all_objects.filter(pk__in=ids)
        if model is Project:
            rows.update(archived_at=now, version=F("version") + 1)
        else:
            rows.update(archived_at=now)
        model.history.bulk_history_create(
            list(model.all_objects.filter(pk__in=ids)),
            update=True,
            default_user=by,
            default_change_reason=_reason(reason),
        )
    return now.isoformat()


def restore(by: User, reason: str, dropped: dict[str, Any]) -> list[Project]:
    """Bring back the rows a drop archived (its change's ``after``); the restored projects."""
    archive_lists: dict[str, Any] = {
        "chapters": Chapter,
        "projects": Project,
        "measures": Measure,
        "targets": Target,
    }
    for key, model in archive_lists.items():
        ids = dropped.get(key) or []
        if not ids:
            continue
        rows: QuerySet[Any] = model.all_objects.filter(pk__in=ids)
        if model is Project:
            rows.update(archived_at=None, version=F("version") + 1)
        else:
            rows.update(archived_at=None)
        model.history.bulk_history_create(
            list(model.all_objects.filter(pk__in=ids)),
            update=True,
            default_user=by,
            default_change_reason=_reason(reason),
        )
    return list(Project.objects.filter(pk__in=dropped.get("projects") or []))


def project_drop_lists(projects: Iterable[Project]) -> dict[str, list[int]]:
    """What archiving ``projects`` archives: them, their live measures and targets."""
    ids = [p.pk for p in projects]
    return {
        "projects": ids,
        "measures": list(Measure.objects.filter(project__in=ids).values_list("pk", flat=True)),
        "targets": list(Target.objects.filter(project__in=ids).values_list("pk", flat=True)),
    }


def after_subtree(anchor: Project) -> Q:
    """Rows after ``anchor``'s subtree in the plan's printed order (a row at its level or above, or
    of another chapter)."""
    return Q(position__gt=anchor.position) & (Q(level__lte=anchor.level) | ~Q(chapter=anchor.chapter_id))
