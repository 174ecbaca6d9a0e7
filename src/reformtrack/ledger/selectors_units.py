"""Reads of the unit registry: a printed name to its unit, and what a merge would move.

Every place that looks a unit up by name goes through :func:`units_find` (the importer's
``units_resolve``, the import wizard's review and its aliases): a name is a unit's own name, one
of its aliases, or the name of a unit merged into it, in that order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, ForeignObjectRel, Model, Q

from reformtrack.accounts.models import Profile

from .models import MeasureUnit, Project, ProjectUnit, Unit, UnitAlias
from .units import normalise_unit_name

# Followed at most this far along merged_into (a unit merged into one merged in turn): a chain
# longer than the registry could ever make is a loop, and stops.
_MERGE_CHAIN_LIMIT = 20


def units_find(names: Iterable[str]) -> dict[str, Unit]:
    """The registry unit of each printed name, keyed by its normal form; unknown names are left out.

    A name is matched, in normal form, against the units' own names first, then their aliases;
    the name of a unit merged into another (archived) finds the unit it was merged into, even if
    the alias the merge made has been removed since. Two queries, and one more per step of a merge
    chain when an archived unit is named without an alias.
    """
    wanted = {normalise_unit_name(name) for name in names} - {""}
    if not wanted:
        return {}
    named = {unit.name: unit for unit in Unit.objects.filter(name__in=wanted)}
    found = {name: unit for name, unit in named.items() if unit.archived_at is None}
    aliases = UnitAlias.objects.filter(name__in=wanted - found.keys()).select_related("unit")
    found.update({alias.name: alias.unit for alias in aliases})
    archived = {name: unit for name, unit in named.items() if name not in found}
    for _step in range(_MERGE_CHAIN_LIMIT):
        pending = {unit.merged_into_id for unit in archived.values() if unit.merged_into_id is not None}
        if not pending:
            break
        targets = Unit.objects.in_bulk(pending)
        archived = {
            name: targets.get(unit.merged_into_id, unit) if unit.merged_into_id else unit
            for name, unit in archived.items()
        }
        if all(unit.archived_at is None for unit in archived.values()):
            break
    found.update(archived)
    return found


@dataclass(frozen=True)
class MergeMove:
    """One kind of row a merge moves: its name (plural) and how many."""

    label: str
    count: int


@dataclass(frozen=True)
class MergePreview:
    """What merging ``source`` into another unit moves, for the confirmation page."""

    source: Unit
    projects: int
    people: int
    aliases: int
    # the other rows pointing at the unit (progress reports, supervision orders …), by kind
    work: list[MergeMove] = field(default_factory=list)


def is_history_model(model: type[Model]) -> bool:
    """django-simple-history's historical tables (they record, they do not link)."""
    return hasattr(model, "instance_type")


def unit_relations(*, handled: tuple[type[Model], ...]) -> list[ForeignObjectRel]:
    """Every foreign key to a unit, hidden ones included (``related_name="+"``: contributions,
    reminder deliveries, and the history tables of every model with a unit), except those of
    ``handled`` and the tables behind many-to-many fields."""
    return [
        relation
        for relation in Unit._meta.get_fields(include_hidden=True)
        if isinstance(relation, ForeignObjectRel)
        and (relation.one_to_many or relation.one_to_one)
        and relation.related_model not in handled
        and not relation.related_model._meta.auto_created
    ]


def unit_merge_preview(source: Unit) -> MergePreview:
    """Count what a merge of ``source`` moves: projects it leads or takes part in (directly or
    through a measure), people whose unit it is, its aliases with its own name, and every other row
    of work that points at it (one count per kind of row: fixed whatever the unit holds)."""
    projects = (
        Project.objects.filter(
            Q(pk__in=ProjectUnit.objects.filter(unit=source).values("project"))
            | Q(pk__in=MeasureUnit.objects.filter(unit=source).values("measure__project"))
        )
        .order_by()
        .aggregate(n=Count("pk"))["n"]
    )
    work: list[MergeMove] = []
    skipped = (ProjectUnit, MeasureUnit, UnitAlias, Profile, Unit)
    for relation in unit_relations(handled=skipped):
        model = relation.related_model
        if is_history_model(model):
            continue
        count = model._default_manager.filter(**{relation.field.name: source}).count()
        if count:
            work.append(MergeMove(label=str(model._meta.verbose_name_plural), count=count))
    return MergePreview(
        source=source,
        projects=projects,
        people=Profile.objects.filter(unit=source).count(),
        aliases=UnitAlias.objects.filter(unit=source).count() + 1,  # its own name becomes one
        work=sorted(work, key=lambda move: move.label),
    )
