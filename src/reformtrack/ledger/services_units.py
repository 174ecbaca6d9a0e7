"""Writes of the unit registry: collective units' members, and merging a unit registered twice.

A merge moves every row that points at the merged unit (the work its people did among them) to the
surviving unit before deleting it: the foreign keys to a unit ``PROTECT`` that work, so nothing is
ever deleted along with a unit.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import ForeignObjectRel, Model, ProtectedError, UniqueConstraint
from django.utils.translation import gettext as _

from reformtrack.accounts.permissions import can_manage_programme

from .errors import LedgerError, WorkProtected
from .models import MeasureUnit, ProjectUnit, Unit, UnitAlias
from .services_base import _distinct, _reason, _record_history, _require
from .work import describe_protected

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@transaction.atomic
def unit_members_set(*, unit: Unit, by: User, members: Iterable[Unit]) -> Unit:
    """Record which units a collective unit (各相关街道办事处) stands for (the office only)."""
    _require(can_manage_programme(by))
    wanted = _distinct(members)
    if any(member.pk == unit.pk for member in wanted):
        raise LedgerError(_("A unit cannot be a member of itself."))
    unit.members.set(wanted)
    _record_history(unit, by, "members: " + ("、".join(member.name for member in wanted) or "-"))
    return unit


def _move_links(model: type[ProjectUnit] | type[MeasureUnit], owner: str, source: Unit, into: Unit) -> None:
    """Point source's links at ``into``; where ``into`` already has the same link, drop source's."""
    taken = set(model.objects.filter(unit=into).values_list(f"{owner}_id", "role"))
    links = model.objects.filter(unit=source).values_list("pk", f"{owner}_id", "role")
    duplicate = [pk for pk, owner_id, role in links if (owner_id, role) in taken]
    model.objects.filter(pk__in=duplicate).delete()
    model.objects.filter(unit=source).update(unit=into)


# Moved by the merge itself: role links (a link both units had is kept once), aliases.
_HANDLED = (ProjectUnit, MeasureUnit, UnitAlias)


def _unit_relations() -> list[ForeignObjectRel]:
    """Every foreign key to a unit, hidden ones included (``related_name="+"``: contributions,
    reminder deliveries, and the history tables of every model with a unit), except the role
    links and aliases the merge handles and the tables behind many-to-many fields."""
    return [
        relation
        for relation in Unit._meta.get_fields(include_hidden=True)
        if isinstance(relation, ForeignObjectRel)
        and (relation.one_to_many or relation.one_to_one)
        and relation.related_model not in _HANDLED
        and not relation.related_model._meta.auto_created
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


@transaction.atomic
def unit_merge(*, source: Unit, into: Unit, by: User) -> Unit:
    """Merge ``source`` into ``into``: one unit registered twice (区发展和改革局 and 区发改局).

    The coordinating office only. Every link moves to ``into`` before source is deleted: project
    and measure roles (a role ``into`` already has is kept once), aliases, people, collective
    memberships both ways, and every other row pointing at the unit, the work of its people
    (reports, contributions, orders, extension requests, reminders) and their history rows
    included; ``into`` takes source's reform lead if it has none. Source's name becomes an alias
    of ``into``, so the next import of a plan printing it finds ``into``. Source is deleted (its
    history keeps it, with ``by``). Refused (:class:`LedgerError`, nothing changed) when both
    units hold a row that may exist once, such as a report on the same project and period.
    """
    _require(can_manage_programme(by))
    if source.pk == into.pk:
        raise LedgerError(_("A unit cannot be merged into itself."))
    relations = _unit_relations()
    for relation in relations:
        _check_no_collision(relation.related_model, relation.field.name, source, into)
    _move_links(ProjectUnit, "project", source, into)
    _move_links(MeasureUnit, "measure", source, into)
    UnitAlias.objects.filter(unit=source).update(unit=into)
    UnitAlias.objects.update_or_create(name=source.name, defaults={"unit": into})
    into.members.add(*source.members.exclude(pk=into.pk))
    for collective in source.collectives.exclude(pk=into.pk):
        collective.members.add(into)
    for relation in relations:
        # QuerySet.update: the moved rows keep their history as it was written, with no new row
        field_name = relation.field.name
        relation.related_model._default_manager.filter(**{field_name: source}).update(**{field_name: into})
    if into.reform_lead_id is None and source.reform_lead_id is not None:
        into.reform_lead_id = source.reform_lead_id
    into._history_user = by  # type: ignore[attr-defined]
    into._change_reason = _reason(f"merged {source.name} into it")  # type: ignore[attr-defined]
    into.save()
    source._history_user = by  # type: ignore[attr-defined]
    source._change_reason = _reason(f"merged into {into.name}")  # type: ignore[attr-defined]
    try:
        source.delete()
    except ProtectedError as exc:  # a table added later that the loop above could not move
        raise WorkProtected(describe_protected(exc)) from exc
    return into
