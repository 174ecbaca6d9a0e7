"""Forms of the reporting pages: plain HTML forms, so everything works with JavaScript off."""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reformtrack.core.widgets import DateTextInput
from reformtrack.ledger.models import Plan

from .entry_services import MeasureInput, TargetInput, entry_date_problem
from .models import ProgressReport, ReportingCycle

if TYPE_CHECKING:
    from reformtrack.ledger.models import Measure, Target

    from .models import MeasureEntry, TargetEntry


def _bootstrap(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.HiddenInput):
            continue
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        else:
            widget.attrs.setdefault("class", "form-control")


class ReportForm(forms.ModelForm[ProgressReport]):
    """The lead unit's texts and figures, with the version the user started from."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bootstrap(self)

    class Meta:
        model = ProgressReport
        fields = ["reported_status", "percent_complete", "done", "problems", "help_needed", "next_steps"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ("done", "problems", "help_needed", "next_steps")
        }


# Dates as offices type them besides the date picker's 2014-03-31.
DATE_INPUTS = ["%Y-%m-%d", "%Y年%m月%d日", "%Y/%m/%d", "%Y.%m.%d"]
# Separators an office writes into a number: 1,234.5 · 1，234.5 · 1 234.5 (full-width folded first).
_NUMBER_NOISE = str.maketrans("", "", ", \u00a0\u3000")


class NumberField(forms.CharField):
    """A decimal number as offices write it: full-width digits, thousands separators; nothing else."""

    default_error_messages = {"invalid": _("Enter a number, such as 12 or 3.5.")}

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        if len(text) > 40:  # longer than any number a TargetValue holds
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        text = unicodedata.normalize("NFKC", text).translate(_NUMBER_NOISE).replace("。", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return number


def target_prefix(target_id: int) -> str:
    return f"target-{target_id}-"


def measure_prefix(measure_id: int) -> str:
    return f"measure-{measure_id}-"


def is_entry_field(name: str) -> bool:
    """Is ``name`` a field of :class:`EntriesForm` (kept over an expired login like the texts)?"""
    return name.startswith(("target-", "measure-"))


class EntriesForm(forms.Form):
    """The report's figures: per target an actual value, its as-of date and source; per measure a
    progress. Fields are named ``target-<id>-value`` …, ``measure-<id>-progress``; the evidence file
    of a target (``target-<id>-file``) is read by the view, which hands it to ``evidence_add``."""

    def __init__(
        self,
        data: Any = None,
        *,
        report: ProgressReport,
        targets: list[Target],
        measures: list[Measure],
        target_entries: dict[int, TargetEntry],
        measure_entries: dict[int, MeasureEntry],
    ) -> None:
        super().__init__(data)
        self.report, self.targets, self.measures = report, targets, measures
        self.target_entries = target_entries
        today = timezone.localdate()
        default_day = min(report.period_end, today)
        last_year = report.project.plan.period_end
        if last_year is not None:  # a plan that has ended: its values are as of its last day at the latest
            default_day = min(default_day, dt.date(last_year, 12, 31))
        for target in targets:
            entry = target_entries.get(target.pk)
            prefix = target_prefix(target.pk)
            self.fields[prefix + "value"] = NumberField(label=_("Actual value"), required=False)
            self.fields[prefix + "date"] = forms.DateField(
                label=_("As of"),
                required=False,
                input_formats=DATE_INPUTS,
                widget=DateTextInput(attrs={"max": today.isoformat()}),
                error_messages={"invalid": _("Enter a date such as 2014-03-31 or 2014年3月31日.")},
            )
            self.fields[prefix + "source"] = forms.CharField(
                label=_("Source"), required=False, max_length=200
            )
            self.initial[prefix + "value"] = (
                "" if entry is None or entry.value is None else _plain(entry.value)
            )
            self.initial[prefix + "date"] = entry.date if entry is not None and entry.date else default_day
            self.initial[prefix + "source"] = entry.source if entry is not None else ""
        for measure in measures:
            name = measure_prefix(measure.pk) + "progress"
            self.fields[name] = forms.IntegerField(
                label=_("Progress (%)"),
                required=False,
                min_value=0,
                max_value=100,
                error_messages={
                    "invalid": _("A measure's progress is a number from 0 to 100."),
                    "min_value": _("A measure's progress is a number from 0 to 100."),
                    "max_value": _("A measure's progress is a number from 0 to 100."),
                },
            )
            entry_m = measure_entries.get(measure.pk)
            self.initial[name] = entry_m.progress if entry_m is not None else None
        _bootstrap(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        plan = self.report.project.plan
        for target in self.targets:
            prefix = target_prefix(target.pk)
            value, day = data.get(prefix + "value"), data.get(prefix + "date")
            if value is None or prefix + "date" in self.errors:
                continue
            if day is None:
                self.add_error(prefix + "date", _("Give the date the actual value is as of."))
                continue
            problem = entry_date_problem(plan, day)
            if problem is not None:
                self.add_error(prefix + "date", problem)
        return data

    def target_inputs(self) -> list[TargetInput]:
        data = self.cleaned_data
        return [
            TargetInput(
                target=target,
                value=data.get(target_prefix(target.pk) + "value"),
                date=data.get(target_prefix(target.pk) + "date"),
                source=data.get(target_prefix(target.pk) + "source") or "",
            )
            for target in self.targets
        ]

    def measure_inputs(self) -> list[MeasureInput]:
        return [
            MeasureInput(
                measure=measure, progress=self.cleaned_data.get(measure_prefix(measure.pk) + "progress")
            )
            for measure in self.measures
        ]

    def target_rows(self) -> list[tuple[Target, list[forms.BoundField], TargetEntry | None]]:
        """Per target: its value, date and source fields and the report's entry (for its file)."""
        return [
            (
                target,
                [self[target_prefix(target.pk) + name] for name in ("value", "date", "source")],
                self.target_entries.get(target.pk),
            )
            for target in self.targets
        ]

    def measure_rows(self) -> list[tuple[Measure, forms.BoundField]]:
        return [(measure, self[measure_prefix(measure.pk) + "progress"]) for measure in self.measures]


def _plain(value: Decimal) -> str:
    """12.5000 → 12.5, 30.0000 → 30: the value as it was typed."""
    return format(value.normalize(), "f")


class StartForm(forms.Form):
    """Which owed report to open: cycle, period, project and lead unit (from the "my reports" list)."""

    cycle = forms.IntegerField(min_value=1)
    period_start = forms.DateField()
    project = forms.IntegerField(min_value=1)
    unit = forms.IntegerField(min_value=1)


class ContributionForm(forms.Form):
    """A co-unit's part of the report."""

    text = forms.CharField(label=_("Contribution"), widget=forms.Textarea(attrs={"rows": 3}))


class ReviewForm(forms.Form):
    """The coordinating office's decision on a submitted report."""

    action = forms.ChoiceField(choices=[("accept", _("Accept")), ("return", _("Return"))])
    version = forms.IntegerField(min_value=1)
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class CycleForm(forms.ModelForm[ReportingCycle]):
    """A reporting cycle of a plan."""

    plan = forms.ModelChoiceField(queryset=Plan.objects.order_by("-created_at"), label=_("Plan"))

    class Meta:
        model = ReportingCycle
        fields = ["plan", "name", "frequency", "due_day", "grace_days", "start", "end", "active"]
        widgets = {
            "start": DateTextInput(),
            "end": DateTextInput(),
        }
