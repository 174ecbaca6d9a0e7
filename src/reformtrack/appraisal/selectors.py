"""Reads of the appraisal: the units appraised, every unit's scores for a year (what a run freezes),
and the pages' lists, each in a fixed number of queries whatever the number of units."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q, QuerySet

from reformtrack.ledger.choices import UnitKind, UnitRole
from reformtrack.ledger.models import Unit

from .choices import AppealStatus, UnitGroup
from .component_data import CENT, HUNDRED
from .components import BONUS_SOURCES, REGISTRY
from .models import Appeal, BonusClaim, Result, Run, Scheme

if TYPE_CHECKING:
    from reformtrack.accounts.permissions import AnyUser

# The kinds of unit appraised, and the group each is ranked in; communities, collectives and
# units of no known kind are not appraised.
GROUP_OF_KIND: dict[str, str] = {
    UnitKind.STREET: UnitGroup.STREET,
    UnitKind.PARTY: UnitGroup.DEPARTMENT,
    UnitKind.GOVERNMENT: UnitGroup.DEPARTMENT,
    UnitKind.MASS_ORGANISATION: UnitGroup.DEPARTMENT,
    UnitKind.CONGRESS: UnitGroup.DEPARTMENT,
    UnitKind.JUDICIAL: UnitGroup.DEPARTMENT,
    UnitKind.CITY_BRANCH: UnitGroup.DEPARTMENT,
}


@dataclass
class UnitScore:
    """One unit's scores as a run freezes them."""

    unit_id: int
    group: str
    components: list[dict[str, Any]] = field(default_factory=list)
    bonus_claimed: Decimal = Decimal(0)
    bonus: Decimal = Decimal(0)
    bonus_items: list[list[str]] = field(default_factory=list)
    total: Decimal = Decimal(0)
    rank: int = 0


def appraised_units() -> list[tuple[int, str]]:
    """(unit id, group) of the live units appraised, by name: departments and street offices that lead
    at least one live project (a unit with no work of the programme has nothing to be judged on).
    One query."""
    return [
        (pk, GROUP_OF_KIND[kind])
        for pk, kind in Unit.objects.filter(
            archived_at__isnull=True,
            kind__in=list(GROUP_OF_KIND),
            project_units__role=UnitRole.LEAD,
            project_units__project__archived_at__isnull=True,
        )
        .distinct()
        .order_by("name")
        .values_list("pk", "kind")
    ]


def rank(scores: list[Any]) -> None:
    """Set ``rank`` within each group by total, highest first; equal totals share a rank (1, 1, 3)."""
    groups: dict[str, list[Any]] = defaultdict(list)
    for score in scores:
        groups[score.group].append(score)
    for members in groups.values():
        members.sort(key=lambda score: -score.total)
        for index, score in enumerate(members):
            same = index and members[index - 1].total == score.total
            score.rank = members[index - 1].rank if same else index + 1


def _bonus(
    year: int, unit_ids: list[int], cap: Decimal
) -> dict[int, tuple[Decimal, Decimal, list[list[str]]]]:
    """Per unit: the points listed for it, the bonus counted and the items. The points earned count
    up to ``cap``; the points taken off (a decision against the unit) count in full, so a unit cannot
    hide a penalty behind achievements above the cap."""
    items: dict[int, list[tuple[str, Decimal]]] = defaultdict(list)
    for source in BONUS_SOURCES:
        for unit, found in source(year, unit_ids).items():
            items[unit].extend(found)
    result = {}
    for unit, listed in items.items():
        claimed = sum((points for _description, points in listed if points > 0), Decimal(0))
        deducted = sum((points for _description, points in listed if points < 0), Decimal(0))
        result[unit] = (
            claimed,
            min(claimed, cap) + deducted,
            [[description, str(points)] for description, points in listed],
        )
    return result


def score_units(*, year: int, as_of: dt.date, weights: dict[str, int], cap: Decimal) -> list[UnitScore]:
    """Every appraised unit's scores for ``year`` with the data behind them, ranked: each component
    turned on reads all units at once, so the queries do not grow with the number of units.

    A component scores 0 to 100; it adds ``weight × score ÷ 100`` to the total, so the weights are
    the points each component is worth. The bonus (改革加分) is added up to ``cap``.
    """
    units = appraised_units()
    unit_ids = [pk for pk, _group in units]
    scores = {pk: UnitScore(unit_id=pk, group=group) for pk, group in units}
    for key, weight in weights.items():
        component = REGISTRY.get(key)
        if not weight or component is None or component.compute is None:
            continue
        for unit, scored in component.compute(year, as_of, unit_ids).items():
            weighted = (Decimal(weight) * scored.score / HUNDRED).quantize(CENT)
            scores[unit].components.append(
                {
                    "key": key,
                    "weight": weight,
                    "score": str(scored.score),
                    "weighted": str(weighted),
                    "raw": scored.raw,
                    "rows": scored.rows,
                }
            )
            scores[unit].total += weighted
    for unit, (claimed, counted, listed) in _bonus(year, unit_ids, cap).items():
        if unit in scores:
            score = scores[unit]
            score.bonus_claimed, score.bonus, score.bonus_items = claimed, counted, listed
            score.total += counted
    ranked = list(scores.values())
    rank(ranked)
    return ranked


def runs_for(user: AnyUser) -> QuerySet[Run]:
    """The appraisals the user sees, newest first (one query)."""
    return Run.objects.restrict(user, "view").order_by("-year")


def schemes_for(user: AnyUser) -> QuerySet[Scheme]:
    """The schemes the user sees with their run when computed (one query)."""
    return Scheme.objects.restrict(user, "view").select_related("run").order_by("-year")


def run_of(user: AnyUser, pk: int) -> Run | None:
    """The run if the user sees it."""
    return (
        Run.objects.restrict(user, "view").select_related("computed_by", "published_by").filter(pk=pk).first()
    )


def run_results(user: AnyUser, run: Run) -> dict[str, list[Result]]:
    """The run's results the user sees, by group in rank order, with open appeals counted (one query)."""
    found: dict[str, list[Result]] = {group: [] for group in UnitGroup.values}
    results = (
        Result.objects.restrict(user, "view")
        .filter(run=run)
        .select_related("unit")
        .annotate(pending=Count("appeals", filter=Q(appeals__status=AppealStatus.PENDING)))
        .order_by("group", "rank", "unit__name")
    )
    for result in results:
        found[result.group].append(result)
    return found


def result_of(user: AnyUser, pk: int) -> Result | None:
    """The result if the user sees it, with its run and unit."""
    return Result.objects.restrict(user, "view").select_related("run", "unit").filter(pk=pk).first()


def result_appeals(result: Result) -> list[Appeal]:
    """The result's appeals, newest first, with who acted and the adjustment made (one query)."""
    return list(
        result.appeals.select_related("submitted_by", "decided_by", "adjustment").order_by(
            "-submitted_at", "-pk"
        )
    )


def appeal_of(user: AnyUser, pk: int) -> Appeal | None:
    """The appeal if the user sees its result."""
    return (
        Appeal.objects.restrict(user, "view")
        .select_related("result__run", "result__unit")
        .filter(pk=pk)
        .first()
    )


def pending_appeals(user: AnyUser, run: Run) -> list[Appeal]:
    """The run's appeals waiting for the office (one query)."""
    return list(
        Appeal.objects.restrict(user, "view")
        .filter(result__run=run, status=AppealStatus.PENDING)
        .select_related("result__unit", "submitted_by")
        .order_by("submitted_at", "pk")
    )


def claims_for(user: AnyUser, year: int | None = None) -> QuerySet[BonusClaim]:
    """The bonus claims the user sees, of one year or all (one query)."""
    claims = BonusClaim.objects.restrict(user, "view").select_related("unit", "created_by")
    return claims.filter(year=year) if year else claims


def published_runs() -> QuerySet[Run]:
    """The appraisals the office has published (and those closed after it), newest year first: what
    the public portal shows; nothing here depends on who asks."""
    return Run.objects.filter(published_at__isnull=False).order_by("-year")


def published_results(run: Run) -> QuerySet[Result]:
    """A published run's results by group in rank order (one query; empty for a run not published)."""
    return (
        Result.objects.filter(run=run, run__published_at__isnull=False)
        .select_related("unit")
        .order_by("group", "rank", "unit__name")
    )
