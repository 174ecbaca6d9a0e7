"""The registry of the appraisal's components (考核指标) and of its bonus sources (加分来源).

A component is a key, a name, a function that reads one year's data for all units at once (a few
queries, whatever the number of units) and returns per unit a :class:`~.component_data.Scored`, the
headings of its data rows and its rule. The scheme of a year turns components on with a weight; a
component whose data do not exist yet (``offered=False``) is listed with the reason and cannot be
turned on. A later app plugs in with one call::

    register(Component(key="evaluation", name=_("Evaluation results"), compute=evaluation_scores, ...))

A bonus source returns, per unit, the achievements that earn points for the year (the office's
listed claims are one; the innovation award's prizes and the supervision decisions join with
:func:`register_bonus_source`, in sources.py). The bonus counted is capped by the
scheme.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from . import component_data
from .component_data import Scored
from .satisfaction import citizen_satisfaction

Compute = Callable[[int, dt.date, list[int]], dict[int, Scored]]
# (year, unit ids) → unit id → [(description, points)]
BonusSource = Callable[[int, list[int]], dict[int, list[tuple[str, Decimal]]]]


@dataclass(frozen=True)
class Component:
    """One component: what it is called, how it is computed, how its rows and rule read."""

    key: str
    name: Promise
    rule: Promise  # with the raw counts as %(name)s parameters
    columns: tuple[Promise, ...] = ()
    compute: Compute | None = None
    offered: bool = True
    unavailable_reason: Promise | None = None
    default_weight: int = 0
    states: dict[str, Promise] = field(default_factory=dict)  # codes in the rows → words

    def explain(self, raw: dict[str, Any]) -> str:
        """The rule with the unit's counts filled in."""
        if raw.get("none"):
            return str(_("Nothing to judge in this component this year: full marks."))
        return str(self.rule) % raw


REGISTRY: dict[str, Component] = {}
BONUS_SOURCES: list[BonusSource] = []

_STATES: dict[str, Promise] = {
    "on_time": _("On time"),
    "late": _("Late"),
    "missing": _("Not submitted"),
    "accepted": _("Accepted"),
    "returned": _("Returned"),
    "done": _("Completed"),
    "overdue": _("Overdue"),
    "unanswered": _("Not answered"),
    "red": _("Red"),
    "yellow": _("Yellow"),
    "blue": _("Blue"),
}


def register(component: Component) -> Component:
    """Add a component to the registry (in the order shown); a key registered twice is a mistake."""
    if component.key in REGISTRY:
        raise ValueError(f"component {component.key!r} is registered already")
    REGISTRY[component.key] = component
    return component


def register_bonus_source(source: BonusSource) -> BonusSource:
    """Add a source of bonus points (see the module's docstring)."""
    BONUS_SOURCES.append(source)
    return source


def offered() -> list[Component]:
    """The components that can be turned on, in the registry's order."""
    return [component for component in REGISTRY.values() if component.offered and component.compute]


def default_weights() -> dict[str, int]:
    """The weights a new scheme starts with."""
    return {component.key: component.default_weight for component in offered()}


def _claims(year: int, unit_ids: list[int]) -> dict[int, list[tuple[str, Decimal]]]:
    """The office's approved bonus claims of the year."""
    from .models import BonusClaim

    found: dict[int, list[tuple[str, Decimal]]] = defaultdict(list)
    for unit, description, points in (
        BonusClaim.objects.filter(year=year, unit_id__in=unit_ids, approved=True)
        .order_by("pk")
        .values_list("unit_id", "description", "points")
    ):
        found[unit].append((description, points))
    return found


register_bonus_source(_claims)

register(
    Component(
        key="reports_on_time",
        name=_("Progress reports on time"),
        rule=_(
            "%(due)d reports were due, %(on_time)d on time, %(late)d late, %(missing)d not submitted; "
            "score = reports on time ÷ reports due × 100."
        ),
        columns=(
            _("Project"),
            _("Period start"),
            _("Period end"),
            _("Due date"),
            _("Submitted on"),
            _("Outcome"),
        ),
        compute=component_data.reports_on_time,
        default_weight=20,
        states=_STATES,
    )
)
register(
    Component(
        key="review_outcomes",
        name=_("Review outcomes"),
        rule=_(
            "%(reviewed)d reports were reviewed, %(accepted)d accepted, %(returned)d returned; "
            "score = reports accepted ÷ reports reviewed × 100."
        ),
        columns=(_("Project"), _("Period start"), _("Period end"), _("Outcome"), _("Review comment")),
        compute=component_data.review_outcomes,
        default_weight=20,
        states=_STATES,
    )
)
register(
    Component(
        key="projects_on_time",
        name=_("Projects completed on time"),
        rule=_(
            "%(due)d projects led by the unit fell due this year, %(done)d completed, %(overdue)d overdue; "
            "score = projects completed ÷ projects due × 100."
        ),
        columns=(_("Project"), _("Deadline"), _("Progress (%)"), _("Outcome")),
        compute=component_data.projects_on_time,
        default_weight=20,
        states=_STATES,
    )
)
register(
    Component(
        key="target_achievement",
        name=_("Target achievement"),
        rule=_(
            "%(targets)d targets of the unit's projects, %(valued)d with an actual value; "
            "score = the mean achievement (%%) of the targets with a value."
        ),
        columns=(_("Target text"), _("Latest actual value"), _("As of"), _("Achievement (%)")),
        compute=component_data.target_achievement,
        default_weight=20,
        states=_STATES,
    )
)
register(
    Component(
        key="supervision_orders",
        name=_("Supervision orders answered"),
        rule=_(
            "%(received)d supervision orders received, %(on_time)d answered on time, %(late)d late, "
            "%(unanswered)d not answered; score = orders answered on time ÷ orders received × 100."
        ),
        columns=(_("Number"), _("Grade"), _("Response due"), _("Answered on"), _("Outcome")),
        compute=component_data.supervision_orders,
        default_weight=20,
        states=_STATES,
    )
)


def _evaluation_results(year: int, as_of: dt.date, unit_ids: list[int]) -> dict[int, Scored]:
    # imported when first called: .sources imports this module to register its bonus sources
    from .sources import evaluation_results

    return evaluation_results(year, as_of, unit_ids)


register(
    Component(
        key="evaluation_results",
        name=_("Post-implementation evaluation results"),
        rule=_(
            "%(signed)d post-implementation evaluations of projects led by the unit were signed off "
            "this year: %(n_extend)d to extend (%(p_extend)d points each), %(n_keep)d to keep "
            "implementing (%(p_keep)d), %(n_adjust)d to adjust (%(p_adjust)d), %(n_stop)d to stop "
            "(%(p_stop)d); score = the mean of their points."
        ),
        columns=(_("Project"), _("Signed off on"), _("Conclusion"), _("Points")),
        compute=_evaluation_results,
        default_weight=0,
        states={
            "extend": _("Extend"),
            "keep": _("Keep implementing"),
            "adjust": _("Adjust and improve"),
            "stop": _("Stop"),
        },
    )
)
register(
    Component(
        key="citizen_satisfaction",
        name=_("Citizen satisfaction"),
        rule=_(
            "Citizens gave %(ratings)d ratings this year to %(projects)d public projects the unit leads, "
            "a mean of %(mean)s out of 5; score = the mean rating ÷ 5 × 100."
        ),
        columns=(_("Project"), _("Ratings"), _("Mean rating (out of 5)")),
        compute=citizen_satisfaction,
        default_weight=0,
    )
)
