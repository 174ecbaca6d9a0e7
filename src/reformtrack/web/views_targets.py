"""A project's targets on its page: achievement, the chart's data, and the office's forms for an
actual value (value, as-of date, source, evidence file, note) and for a target's form and baseline.

The forms post to the views of :mod:`.views_target_values`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reformtrack.core.widgets import DateTextInput
from reformtrack.ledger import achievement
from reformtrack.ledger.choices import TargetForm
from reformtrack.ledger.models import Project, Target, TargetValue
from reformtrack.ledger.permissions import can_move_progress
from reformtrack.ledger.selectors_targets import Achievement, plan_bounds, spec_of, target_achievement
from reformtrack.reporting.evidence import ACCEPT_ATTRIBUTE

_DATE_WIDGET = DateTextInput()
_TEXT = {"class": "form-control"}


class TargetValueForm(forms.Form):
    """An actual value of a target as the office enters it."""

    value = forms.CharField(
        label=gettext_lazy("Actual value"),
        max_length=40,
        widget=forms.TextInput(attrs={**_TEXT, "inputmode": "decimal"}),
        help_text=gettext_lazy("In the target's unit; 万 and 亿 may be typed (3000万)."),
    )
    date = forms.DateField(label=gettext_lazy("As of"), widget=_DATE_WIDGET)
    source = forms.CharField(
        label=gettext_lazy("Source"), max_length=200, required=False, widget=forms.TextInput(attrs=_TEXT)
    )
    evidence = forms.FileField(
        label=gettext_lazy("Evidence file"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ACCEPT_ATTRIBUTE}),
    )
    note = forms.CharField(
        label=gettext_lazy("Note"), required=False, widget=forms.Textarea(attrs={**_TEXT, "rows": 2})
    )


class TargetBaselineForm(forms.Form):
    """How a target's figure is read and its baseline."""

    form = forms.ChoiceField(
        label=gettext_lazy("Form"),
        choices=TargetForm.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    baseline = forms.CharField(
        label=gettext_lazy("Baseline"), max_length=40, required=False, widget=forms.TextInput(attrs=_TEXT)
    )
    baseline_date = forms.DateField(label=gettext_lazy("Baseline date"), required=False, widget=_DATE_WIDGET)


@dataclass
class TargetRow:
    """A target on the project page: its state, values, chart id and the office's forms."""

    state: Achievement
    values: list[TargetValue]
    value_form: TargetValueForm | None
    baseline_form: TargetBaselineForm | None

    @property
    def target(self) -> Target:
        return self.state.target

    @property
    def value_unit(self) -> str:
        """The unit of the values (a change from the baseline is counted in the baseline's)."""
        return achievement.value_unit(self.target.form, self.target.unit)

    @property
    def expected_on(self) -> list[tuple[TargetValue, float | None]]:
        """Each value with the path's value on its date (the table's expected column)."""
        line = self.state.path
        return [(value, None if line is None else float(line.value_on(value.date))) for value in self.values]


def target_rows(
    project: Project,
    *,
    user: Any,
    today: dt.date,
    bound: dict[int, TargetValueForm] | None = None,
) -> list[TargetRow]:
    """The project's targets (prefetched with their values, by date) as the page shows them."""
    start, end = plan_bounds(project.plan)
    office = can_move_progress(user, project)
    rows = []
    for target in project.targets.all():
        values = list(target.values.all())
        last = values[-1] if values else None
        state = target_achievement(
            target,
            latest=last.value if last else None,
            latest_date=last.date if last else None,
            plan_start=start,
            plan_end=end,
            today=today,
        )
        if not office:  # only the coordinating office enters values (the views check again)
            rows.append(TargetRow(state, values, None, None))
            continue
        value_form = (bound or {}).get(target.pk) or TargetValueForm(
            prefix=f"t{target.pk}", initial={"date": today}
        )
        baseline_form = TargetBaselineForm(
            prefix=f"b{target.pk}",
            initial={"form": target.form, "baseline": target.baseline, "baseline_date": target.baseline_date},
        )
        rows.append(TargetRow(state, values, value_form, baseline_form))
    return rows


def project_achievement(rows: list[TargetRow]) -> float | None:
    """The project's achievement: the mean of its targets' that have one."""
    return achievement.mean(row.state.achievement for row in rows)


def chart_data(rows: list[TargetRow]) -> list[dict[str, Any]]:
    """What each target's chart draws: the values, the target line and the expected path."""
    data = []
    for row in rows:
        if not row.values and row.state.path is None:
            continue
        target = row.target
        line = row.state.path
        aim = achievement.goal(spec_of(target))
        data.append(
            {
                "id": f"target-chart-{target.pk}",
                "unit": row.value_unit,
                "values": [{"x": v.date.isoformat(), "y": float(v.value)} for v in row.values],
                "path": (
                    [
                        {"x": line.start.isoformat(), "y": float(line.start_value)},
                        {"x": line.end.isoformat(), "y": float(line.end_value)},
                    ]
                    if line
                    else []
                ),
                "aim": None if aim is None else float(aim),
                "labels": {"values": _("Actual value"), "path": _("Expected path"), "aim": _("Target")},
            }
        )
    return data


__all__ = [
    "TargetBaselineForm",
    "TargetRow",
    "TargetValueForm",
    "chart_data",
    "project_achievement",
    "target_rows",
]
