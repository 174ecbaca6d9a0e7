"""What the apps below the appraisal bring to it: the innovation award's prizes and the supervision
office's decisions as bonus sources (改革加分), and the post-implementation evaluations as the
``evaluation_results`` component (its entry in :mod:`.components` calls :func:`evaluation_results`).

Imported by :meth:`.apps.AppraisalConfig.ready`, so the bonus sources register once the apps are
loaded. Each function reads one year for every unit at once: its queries do not grow with the
number of units (tests/appraisal/test_sources.py counts them).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from reformtrack.award.choices import NominationStatus, PrizeLevel
from reformtrack.award.models import Nomination, PrizeRule
from reformtrack.evaluation.choices import Conclusion, EvaluationStatus
from reformtrack.ledger.choices import UnitRole
from reformtrack.ledger.models import ProjectUnit
from reformtrack.supervision.choices import DecisionKind, DecisionStatus
from reformtrack.supervision.decision_models import DECISION_NUMBER_PREFIX
from reformtrack.supervision.models import Decision

from .component_data import CENT, HUNDRED, Scored
from .components import register_bonus_source

Items = dict[int, list[tuple[str, Decimal]]]

# What a signed-off evaluation's conclusion is worth (0–100) in the ``evaluation_results`` component:
# a reform to be extended (扩大推广) proved itself best, one kept as it is (继续实施) did well, one to
# be adjusted (调整完善) fell short somewhere, one stopped (停止实施) did not deliver. The points are
# frozen with each result (``raw``), so its explanation stays true if these ever change.
CONCLUSION_POINTS: dict[str, int] = {
    Conclusion.EXTEND: 100,
    Conclusion.KEEP: 90,
    Conclusion.ADJUST: 60,
    Conclusion.STOP: 0,
}


@register_bonus_source
def award_prizes(year: int, unit_ids: list[int]) -> Items:
    """Each prize of the innovation award of ``year`` won by a unit, once the call is announced, with
    the bonus points its prize carries; a prize worth no points adds no item. Two queries."""
    points = {
        (call, level): value
        for call, level, value in PrizeRule.objects.filter(
            call__year=year, call__announced_on__isnull=False, bonus_points__gt=0
        ).values_list("call_id", "level", "bonus_points")
    }
    labels = dict(PrizeLevel.choices)
    found: Items = defaultdict(list)
    winners = (
        Nomination.objects.filter(
            call__year=year,
            call__announced_on__isnull=False,
            status=NominationStatus.AWARDED,
            unit_id__in=unit_ids,
        )
        .order_by("pk")
        .values_list("unit_id", "call_id", "call__title", "prize", "title")
    )
    for unit, call, call_title, prize, title in winners:
        value = points.get((call, prize))
        if value:
            description = _("%(call)s, %(prize)s: %(title)s") % {
                "call": call_title,
                "prize": labels.get(prize, prize),
                "title": title,
            }
            found[unit].append((description, value))
    return found


@register_bonus_source
def decisions(year: int, unit_ids: list[int]) -> Items:
    """The supervision office's decisions of ``year`` about a unit that stand (not revoked), each with
    its recorded effect on the appraisal: a commendation adds, the other kinds take off. One query."""
    kinds = dict(DecisionKind.choices)
    found: Items = defaultdict(list)
    rows = (
        Decision.objects.filter(year=year, unit_id__in=unit_ids)
        .exclude(status=DecisionStatus.REVOKED)
        .order_by("sequence")
        .values_list("unit_id", "year", "sequence", "kind", "points")
    )
    for unit, decision_year, sequence, kind, points in rows:
        number = f"{DECISION_NUMBER_PREFIX}〔{decision_year}〕{sequence}号"
        found[unit].append((f"{number} {kinds.get(kind, kind)}", points))
    return found


def evaluation_results(year: int, as_of: dt.date, unit_ids: list[int]) -> dict[int, Scored]:
    """The post-implementation evaluations signed off in the year (by ``as_of``) of the live projects
    a unit leads: each scores its conclusion's points (:data:`CONCLUSION_POINTS`), the unit the mean.
    One query."""
    raw = {"signed": 0, **{f"n_{code}": 0 for code in CONCLUSION_POINTS}}
    raw.update({f"p_{code}": points for code, points in CONCLUSION_POINTS.items()})
    found = {unit: Scored(raw=dict(raw)) for unit in unit_ids}
    first, last = dt.date(year, 1, 1), min(dt.date(year, 12, 31), as_of)
    rows = (
        ProjectUnit.objects.filter(
            role=UnitRole.LEAD,
            unit_id__in=unit_ids,
            project__archived_at__isnull=True,
            project__evaluation__status=EvaluationStatus.CONCLUDED,
            project__evaluation__signed_at__date__gte=first,
            project__evaluation__signed_at__date__lte=last,
        )
        .order_by("project__evaluation__signed_at", "project__position", "pk")
        .values_list(
            "unit_id",
            "project__label",
            "project__title",
            "project__evaluation__signed_at",
            "project__evaluation__conclusion",
        )
    )
    sums: dict[int, int] = defaultdict(int)
    for unit, label, title, signed_at, conclusion in rows:
        points = CONCLUSION_POINTS.get(conclusion)
        if points is None:  # concluded without a conclusion cannot happen through the services
            continue
        record = found[unit]
        record.raw["signed"] += 1
        record.raw[f"n_{conclusion}"] += 1
        sums[unit] += points
        day = timezone.localtime(signed_at).date()
        record.rows.append([f"{label} {title}".strip(), day.isoformat(), conclusion, points])
    for unit, record in found.items():
        signed = record.raw["signed"]
        record.raw["none"] = not signed
        record.score = (
            (Decimal(sums[unit]) / signed).quantize(CENT, rounding=ROUND_HALF_UP) if signed else HUNDRED
        )
    return found
