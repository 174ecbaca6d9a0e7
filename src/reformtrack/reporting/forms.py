"""Forms of the reporting pages: plain HTML forms, so everything works with JavaScript off."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from reformtrack.ledger.models import Plan

from .models import ProgressReport, ReportingCycle


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
            "start": forms.DateInput(attrs={"type": "date"}),
            "end": forms.DateInput(attrs={"type": "date"}),
        }
