"""Forms of the office's planning pages: weights of a project and its measures, of a chapter's
projects, a measure's start date, and the tags. They only validate; the services decide."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from reformtrack.core.widgets import DateTextInput

from .choices import TagColour
from .models import Measure, Project


def _weight_field(label: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        max_digits=7,
        decimal_places=2,
        min_value=Decimal(0),
        max_value=Decimal("99999.99"),
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm", "inputmode": "decimal"}),
    )


def _note_field() -> forms.CharField:
    return forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=80,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )


class ProjectWeightsForm(forms.Form):
    """A project's weight in its chapter and its measures' weights in it (``measure_<id>``)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, measures: Sequence[Measure], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["weight"] = _weight_field(str(_("Weight of the project in its chapter")))
        self.measures = list(measures)
        for index, measure in enumerate(self.measures, 1):
            self.fields[f"measure_{measure.pk}"] = _weight_field(
                str(_("Weight of measure %(n)s")) % {"n": index}
            )
        self.fields["note"] = _note_field()

    def measure_rows(self) -> list[tuple[Measure, forms.BoundField]]:
        return [(measure, self[f"measure_{measure.pk}"]) for measure in self.measures]

    def measure_weights(self) -> dict[int, Decimal]:
        return {m.pk: self.cleaned_data[f"measure_{m.pk}"] for m in self.measures}


class ChapterWeightsForm(forms.Form):
    """The weights of a chapter's top-level projects, each with the version it was shown at."""

    def __init__(self, *args: Any, projects: Sequence[Project], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.projects = list(projects)
        for project in self.projects:
            self.fields[f"weight_{project.pk}"] = _weight_field(f"{project.label}{project.title}")
            self.fields[f"version_{project.pk}"] = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
        self.fields["note"] = _note_field()

    def rows(self) -> list[tuple[Project, forms.BoundField, forms.BoundField]]:
        return [(p, self[f"weight_{p.pk}"], self[f"version_{p.pk}"]) for p in self.projects]

    def weights(self) -> dict[int, tuple[int, Decimal]]:
        data = self.cleaned_data
        return {p.pk: (data[f"version_{p.pk}"], data[f"weight_{p.pk}"]) for p in self.projects}


class MeasureStartForm(forms.Form):
    """The day a measure starts (empty: unknown)."""

    start_date = forms.DateField(
        label=_("Start date"),
        required=False,
        widget=DateTextInput(),
    )


class TagForm(forms.Form):
    """A tag's name and colour; ``archived`` only when editing one."""

    name = forms.CharField(
        label=_("Name"), max_length=40, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    colour = forms.ChoiceField(
        label=_("Colour"), choices=TagColour.choices, widget=forms.Select(attrs={"class": "form-select"})
    )
    archived = forms.BooleanField(
        label=_("Archived"), required=False, widget=forms.CheckboxInput(attrs={"class": "form-check-input"})
    )
