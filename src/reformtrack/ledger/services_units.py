"""Writes of the unit registry: collective units' members, renaming, aliases, and merging a unit
registered twice. The coordinating office only; each write is one transaction with its history.

A merge moves every row that points at the merged unit (the work its people did among them) to the
surviving unit and keeps the merged one, archived, pointing at it: nothing is deleted, nothing
cascades, and the old unit's page says where it went. Its name becomes an alias of the survivor,
so the importers find the survivor by it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, NoReturn

from django.db import transaction
from django.db.models import F, Model, UniqueConstraint
from django.utils import timezone
from django.utils.translation import gettext as _

from reformtrack.accounts.permissions import can_manage_programme
from reformtrack.core.text import single_line

from .errors import LedgerError, UnitChanged
from .models import MeasureUnit, ProjectUnit, Unit, UnitAlias
from .selectors_units import is_history_model, unit_relations, units_find
from .services_base import _distinct, _reason, _record_history, _require
from .units import normalise_unit_name

if TYPE_CHECKING:
    from django.contrib.auth.models import User

NAME_MAX = 200  # Unit.name and UnitAlias.name


def _save(instance: Model, by: User, reason: str, fields: list[str] | None = None) -> None:
    """Save with the history row naming ``by`` and the reason."""
    instance._history_user = by  # type: ignore[attr-defined]
    instance._change_reason = _reason(reason)  # type: ignore[attr-defined]
    instance.save(update_fields=fields)


def _bump(unit: Unit) -> None:
    """Move the unit's version on: a merge confirmed on a page shown before this change is refused."""
    Unit.objects.filter(pk=unit.pk).update(version=F("version") + 1)
    unit.version += 1


def _locked(*units: Unit) -> list[Unit]:
    """The units as they are now, locked until the transaction ends (in id order: no deadlock)."""
    rows = Unit.objects.select_for_update().order_by("pk").in_bulk([unit.pk for unit in units])
    if len(rows) != len({unit.pk for unit in units}):
        raise UnitChanged(_("A unit was removed meanwhile. Nothing was changed."))
    return [rows[unit.pk] for unit in units]


def _require_active(unit: Unit) -> None:
    if unit.archived_at is not None:
        raise LedgerError(
            _("%(name)s was merged into another unit and is archived; change that unit instead.")
            % {"name": unit.name}
        )


@transaction.atomic
def unit_members_set(*, unit: Unit, by: User, members: Iterable[Unit]) -> Unit:
    """Record which units a collective unit (各相关街道办事处) stands for (the office only)."""
    _require(can_manage_programme(by))
    wanted = _distinct(members)
    if any(member.pk == unit.pk for member in wanted):
        raise LedgerError(_("A unit cannot be a member of itself."))
    unit.members.set(wanted)
    _bump(unit)
    _record_history(unit, by, "members: " + ("、".join(member.name for member in wanted) or "-"))
    return unit


# ---------------------------------------------------------------------------------------------------
# names and aliases


def _clean_name(name: str) -> str:
    normal = normalise_unit_name(single_line(name))
    if not normal:
        raise LedgerError(_("Enter a name."))
    if len(normal) > NAME_MAX:
        raise LedgerError(_("A unit name has at most %(max)d characters.") % {"max": NAME_MAX})
    return normal


def _check_name_free(name: str, unit: Unit, *, alias_of_archived: bool) -> None:
    """Refuse a name another unit already answers to (its name or one of its aliases).

    The name of an archived unit that was merged into ``unit`` is free for an alias of ``unit``
    (``alias_of_archived``): it finds ``unit`` anyway.
    """
    other = Unit.objects.filter(name=name).exclude(pk=unit.pk).first()
    if other is not None:
        resolves_here = units_find([name]).get(name) == unit
        if not (alias_of_archived and other.archived_at is not None and resolves_here):
            raise LedgerError(
                _("%(name)s is the name of another unit; merge the two units instead.") % {"name": name}
            )
    alias = UnitAlias.objects.filter(name=name).select_related("unit").first()
    if alias is not None:
        if alias.unit_id == unit.pk:
            raise LedgerError(_("%(name)s is already another name of this unit.") % {"name": name})
        raise LedgerError(
            _("%(name)s is already another name of %(unit)s.") % {"name": name, "unit": alias.unit.name}
        )


@transaction.atomic
def unit_alias_add(*, unit: Unit, by: User, name: str) -> UnitAlias:
    """Record another printed name of ``unit`` (区发展改革局 for 区发改局): the importers find it by it."""
    _require(can_manage_programme(by))
    normal = _clean_name(name)
    (unit,) = _locked(unit)
    _require_active(unit)
    if normal == unit.name:
        raise LedgerError(_("%(name)s is this unit's own name.") % {"name": normal})
    _check_name_free(normal, unit, alias_of_archived=True)
    alias = UnitAlias(unit=unit, name=normal)
    _save(alias, by, "alias added")
    _bump(unit)
    return alias


@transaction.atomic
def unit_alias_remove(*, alias: UnitAlias, by: User) -> Unit:
    """Forget an alias (its history stays); the importers no longer find the unit by it."""
    _require(can_manage_programme(by))
    (unit,) = _locked(alias.unit)
    alias = UnitAlias.objects.filter(pk=alias.pk, unit=unit).first() or _gone()
    alias._history_user = by  # type: ignore[attr-defined]
    alias._change_reason = "alias removed"  # type: ignore[attr-defined]
    alias.delete()
    _bump(unit)
    return unit


def _gone() -> NoReturn:
    raise UnitChanged(_("That name was removed meanwhile. Nothing was changed."))


@transaction.atomic
def unit_rename(*, unit: Unit, by: User, name: str, version: int) -> Unit:
    """Give ``unit`` a new name; the old one becomes an alias, so documents printing it still find
    the unit. ``version`` is the unit's when the form was shown: a stale form is refused."""
    _require(can_manage_programme(by))
    normal = _clean_name(name)
    (unit,) = _locked(unit)
    _require_active(unit)
    if unit.version != version:
        raise UnitChanged(_("Someone changed this unit meanwhile; look at it again. Nothing was changed."))
    if normal == unit.name:
        raise LedgerError(_("The new name is the same as the old one."))
    own = UnitAlias.objects.filter(name=normal, unit=unit).first()
    if own is not None:  # a name it is already printed as becomes its own: swap
        own._history_user = by  # type: ignore[attr-defined]
        own._change_reason = "became the unit's name"  # type: ignore[attr-defined]
        own.delete()
    else:
        _check_name_free(normal, unit, alias_of_archived=False)
    old = unit.name
    _save(UnitAlias(unit=unit, name=old), by, "old name kept as alias")
    unit.name = normal
    unit.version += 1
    _save(unit, by, f"renamed from {old}", ["name", "version"])
    return unit


# ---------------------------------------------------------------------------------------------------
# merging


def _move_links(model: type[ProjectUnit] | type[MeasureUnit], owner: str, source: Unit, into: Unit) -> None:
    """Point source's links at ``into``; where ``into`` already has the same link, drop source's."""
    taken = set(model.objects.filter(unit=into).values_list(f"{owner}_id", "role"))
    links = model.objects.filter(unit=source).values_list("pk", f"{owner}_id", "role")
    duplicate = [pk for pk, owner_id, role in links if (owner_id, role) in taken]
    model.objects.filter(pk__in=duplicate).delete()
    model.objects.filter(unit=source).update(unit=into)


# Moved by the merge itself: role links (a link both units had is kept once), aliases, and the
# merged_into of units merged before (so every archived unit points at a live one).
_HANDLED = (ProjectUnit, MeasureUnit, UnitAlias)


def _work_relations() -> list[tuple[type[Model], str]]:
    """(model, field) of every row of work pointing at a unit: history tables are left as written."""
    return [
        (relation.related_model, relation.field.name)
        for relation in unit_relations(handled=_HANDLED)
        if not is_history_model(relation.related_model)
    ]


def _check_no_collision(model: type[Model], field: str, source: Unit, into: Unit) -> None:
    """Refuse the merge when a row of source's would break a unique constraint once it is into's
    (both units reported on the same project for the same period): a person decides which stays."""
    for constraint in model._meta.constraints:
        if not isinstance(constraint, UniqueConstraint) or field not in constraint.fields:
            continue
        others = [name for name in constraint.fields if name != field]
        theirs = set(model._default_manager.filter(**{field: into}).values_list(*others))
        clash = sum(
            1
            for key in model._default_manager.filter(**{field: source}).values_list(*others)
            if key in theirs
        )
        if clash:
            raise LedgerError(
                _(
                    "Both units have %(count)d %(what)s for the same thing; decide which to keep "
                    "before merging. Nothing was changed."
                )
                % {"count": clash, "what": model._meta.verbose_name}
            )


def unit_merge_check(*, source: Unit, into: Unit) -> None:
    """Raise the :class:`LedgerError` a merge of ``source`` into ``into`` would meet now (for the
    confirmation page, before anyone confirms); the merge checks again, under lock."""
    _check_merge(source, into, None, None)


def _check_merge(source: Unit, into: Unit, source_version: int | None, into_version: int | None) -> None:
    if source.pk == into.pk:
        raise LedgerError(_("A unit cannot be merged into itself."))
    if into.archived_at is not None:
        raise LedgerError(
            _("%(name)s is archived (merged into another unit); choose a unit in use.") % {"name": into.name}
        )
    if source.archived_at is not None:
        raise LedgerError(_("%(name)s is already merged into another unit.") % {"name": source.name})
    if (source_version is not None and source.version != source_version) or (
        into_version is not None and into.version != into_version
    ):
        raise UnitChanged(
            _(
                "One of the two units changed since this page was shown; look again before merging. "
                "Nothing was changed."
            )
        )


@transaction.atomic
def unit_merge(
    *,
    source: Unit,
    into: Unit,
    by: User,
    source_version: int | None = None,
    into_version: int | None = None,
    note: str = "",
) -> Unit:
    """Merge ``source`` into ``into``: one unit registered twice (区发展和改革局 and 区发改局).

    The coordinating office only. Every link moves to ``into``: project and measure roles (a role
    ``into`` already has is kept once), aliases, people, collective memberships both ways, and
    every other row of work pointing at the unit (reports, contributions, orders, extension
    requests, reminders); ``into`` takes source's reform lead if it has none. History rows stay as
    they were written. Source's name becomes an alias of ``into``, so the next import of a plan
    printing it finds ``into``; source is kept, archived, with ``merged_into`` set, and both get a
    history row naming ``by`` (with ``note``, the reason given). Refused (:class:`LedgerError`,
    nothing changed) for a unit into itself, into or from an archived unit, when either unit's
    version is not the one the confirmation page showed (:class:`UnitChanged`), and when both
    units hold a row that may exist once, such as a report on the same project and period.
    """
    _require(can_manage_programme(by))
    if source.pk == into.pk:
        raise LedgerError(_("A unit cannot be merged into itself."))
    source, into = _locked(source, into)
    _check_merge(source, into, source_version, into_version)
    relations = _work_relations()
    for model, field_name in relations:
        _check_no_collision(model, field_name, source, into)
    _move_links(ProjectUnit, "project", source, into)
    _move_links(MeasureUnit, "measure", source, into)
    moved = list(UnitAlias.objects.filter(unit=source))
    UnitAlias.objects.filter(unit=source).update(unit=into)
    if moved:
        for alias in moved:
            alias.unit = into
        UnitAlias.history.bulk_history_create(
            moved, update=True, default_user=by, default_change_reason=_reason(f"moved from {source.name}")
        )
    if not UnitAlias.objects.filter(name=source.name).exists():
        _save(UnitAlias(unit=into, name=source.name), by, f"name of {source.name}, merged")
    into.members.add(*source.members.exclude(pk=into.pk))
    for collective in source.collectives.exclude(pk=into.pk):
        collective.members.add(into)
    source.members.clear()
    source.collectives.clear()
    for model, field_name in relations:
        model._default_manager.filter(**{field_name: source}).update(**{field_name: into})
    if into.reform_lead_id is None:
        into.reform_lead_id = source.reform_lead_id
    into.version += 1
    reason = f"merged {source.name} into it" + (f": {single_line(note)}" if note.strip() else "")
    _save(into, by, reason)
    source.archived_at = timezone.now()
    source.merged_into = into
    source.reform_lead = None
    source.version += 1
    reason = f"merged into {into.name}" + (f": {single_line(note)}" if note.strip() else "")
    _save(source, by, reason)
    return into
