"""Forms of the decision pages (表扬与问责决定); the services check everything again."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from reformtrack.core.widgets import DateTextInput, SearchableSelect
from reformtrack.ledger.models import Project, Unit

from .choices import DecisionKind
from .decision_models import POINT_LIMITS


def points_help() -> str:
    """The limits of every kind, as the form's help text says them."""
    return "；".join(
        f"{DecisionKind(kind).label}：{low}～{high}" for kind, (low, high) in POINT_LIMITS.items()
    )


class UnitChoiceForm(forms.Form):
    """The unit a decision by hand is about, chosen before the form opens (its projects are offered)."""

    unit = forms.ModelChoiceField(
        queryset=Unit.objects.filter(archived_at__isnull=True).order_by("name"),
        label=_("Unit"),
        widget=SearchableSelect(),
    )


class DecisionForm(forms.Form):
    """A decision about one unit; its projects are the unit's own (lead or co-unit)."""

    unit = forms.ModelChoiceField(queryset=Unit.objects.all(), widget=forms.HiddenInput, label=_("Unit"))
    kind = forms.ChoiceField(choices=DecisionKind.choices, label=_("Kind of decision"))
    from_record = forms.BooleanField(
        required=False, initial=True, label=_("Based on the unit's accountability record")
    )
    projects = forms.ModelMultipleChoiceField(
        queryset=Project.objects.none(),
        required=False,
        label=_("Projects"),
        widget=forms.CheckboxSelectMultiple,
    )
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label=_("Reason for the decision"))
    evidence = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=_("Evidence"), required=False)
    points = forms.DecimalField(
        max_digits=4, decimal_places=1, label=_("Effect on the appraisal (points)"), initial=Decimal("-2")
    )
    deadline = forms.DateField(widget=DateTextInput(), label=_("Rectification deadline"), required=False)

    def __init__(self, *args: Any, unit: Unit, has_record: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].initial = unit.pk
        self.fields["points"].help_text = points_help()
        self.fields["deadline"].help_text = _("Required for an ordered rectification.")
        projects = self.fields["projects"]
        assert isinstance(projects, forms.ModelMultipleChoiceField)
        projects.queryset = (
            Project.objects.filter(
                Q(project_units__unit=unit) | Q(project_units__unit__members=unit), archived_at__isnull=True
            )
            .distinct()
            .order_by("plan_id", "position")
        )
        if not has_record:
            del self.fields["from_record"]

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        if data.get("kind") == DecisionKind.RECTIFICATION and data.get("deadline") is None:
            self.add_error("deadline", _("Required for an ordered rectification."))
        return data


class AnswerForm(forms.Form):
    """The unit's answer to a decision about it."""

    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label=_("Answer"))


class NoteForm(forms.Form):
    """A follow-up note, what a closing verified, or why a decision is revoked."""

    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=_("Note"))
