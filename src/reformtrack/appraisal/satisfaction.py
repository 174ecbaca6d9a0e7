"""The appraisal's citizen satisfaction component (群众满意度): the year's ratings citizens gave the
public projects a unit leads (:func:`reformtrack.ratings.selectors.satisfaction_by_unit`), the
score being the mean rating out of 5 scaled to 100. A unit whose projects nobody rated has nothing to
judge and scores full marks, as in every component."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from reformtrack.ratings.selectors import satisfaction_by_unit

from .component_data import CENT, HUNDRED, Scored, _label

TOP = Decimal(5)


def citizen_satisfaction(year: int, as_of: dt.date, unit_ids: list[int]) -> dict[int, Scored]:
    """Per unit: the ratings of the year (given by ``as_of``) of the projects it leads; score = mean
    rating ÷ 5 × 100. Two queries."""
    rated = satisfaction_by_unit(year, as_of=as_of)
    found: dict[int, Scored] = {}
    for unit in unit_ids:
        record = rated.get(unit)
        if record is None or record.mean is None:
            found[unit] = Scored(raw={"ratings": 0, "projects": 0, "mean": "–", "none": True})
            continue
        rows: list[list[object]] = [
            [
                _label(label, title),
                count,
                str((Decimal(total) / count).quantize(CENT, rounding=ROUND_HALF_UP)),
            ]
            for _pk, label, title, count, total in record.projects
        ]
        found[unit] = Scored(
            score=(record.mean * HUNDRED / TOP).quantize(CENT, rounding=ROUND_HALF_UP),
            raw={
                "ratings": record.count,
                "projects": len(record.projects),
                "mean": str(record.mean),
                "none": False,
            },
            rows=rows,
        )
    return found
