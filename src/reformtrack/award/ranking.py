"""The ranking of a call's nominations (排名): plain Python over the scores, no database.

A nomination's panel score is the weighted mean of its criteria, each criterion's score being the
mean of the panel members' scores on it: Σ wᵢ·meanᵢ / Σ wᵢ over the criteria scored. With the public
vote on, the total is ``panel × (1 − v) + share × v``, ``v`` the vote's weight and ``share`` the
nomination's votes as a percentage of the call's. Totals are rounded to two decimals; equal totals
are placed by the panel score, then by who submitted first, and the row says so (``tie``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


class TieBreak(StrEnum):
    PANEL = "panel"  # placed above an equal total by a higher panel score
    SUBMITTED = "submitted"  # equal totals and panel scores: the earlier submission first


@dataclass(frozen=True)
class Entry:
    """One nomination as the ranking reads it."""

    nomination_id: int
    submitted_at: dt.datetime | None
    scores: dict[int, list[Decimal]]  # criterion id → the members' scores on it
    votes: int = 0


@dataclass
class Ranked:
    nomination_id: int
    rank: int
    panel: Decimal
    vote_share: Decimal
    total: Decimal
    scorers: int  # how many scores it has
    tie: TieBreak | None = None  # how it was placed against the row above with the same total
    tied_with: int | None = None  # that row's nomination id
    criteria: dict[int, Decimal] = field(default_factory=dict)


def _mean(values: list[Decimal]) -> Decimal:
    return sum(values, Decimal(0)) / len(values)


def panel_score(
    scores: dict[int, list[Decimal]], weights: dict[int, Decimal]
) -> tuple[Decimal, dict[int, Decimal]]:
    """The weighted mean of the criteria's mean scores, and each criterion's mean."""
    means = {
        criterion: _mean(values) for criterion, values in scores.items() if values and criterion in weights
    }
    total_weight = sum((weights[criterion] for criterion in means), Decimal(0))
    if not total_weight:
        return Decimal(0), means
    return sum((weights[c] * mean for c, mean in means.items()), Decimal(0)) / total_weight, means


def rank(
    entries: list[Entry], weights: dict[int, Decimal], *, vote_weight: Decimal | None = None
) -> list[Ranked]:
    """The entries ranked by total, highest first; ``vote_weight`` (a percentage) when the public vote
    counts, else ``None``."""
    all_votes = sum(entry.votes for entry in entries)
    rows: list[tuple[Ranked, dt.datetime | None]] = []
    for entry in entries:
        panel, means = panel_score(entry.scores, weights)
        share = Decimal(entry.votes) * HUNDRED / all_votes if all_votes else Decimal(0)
        total = panel
        if vote_weight is not None:
            part = vote_weight / HUNDRED
            total = panel * (1 - part) + share * part
        ranked = Ranked(
            nomination_id=entry.nomination_id,
            rank=0,
            panel=panel.quantize(CENT),
            vote_share=share.quantize(CENT),
            total=total.quantize(CENT),
            scorers=sum(len(values) for values in entry.scores.values()),
            criteria={c: mean.quantize(CENT) for c, mean in means.items()},
        )
        rows.append((ranked, entry.submitted_at))
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    rows.sort(key=lambda row: (-row[0].total, -row[0].panel, row[1] or far, row[0].nomination_id))
    result = [row[0] for row in rows]
    for index, ranked in enumerate(result, start=1):
        ranked.rank = index
        above = result[index - 2] if index > 1 else None
        if above is not None and above.total == ranked.total:
            ranked.tie = TieBreak.PANEL if above.panel != ranked.panel else TieBreak.SUBMITTED
            ranked.tied_with = above.nomination_id
    return result
