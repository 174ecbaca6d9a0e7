"""Forms of the plan amendment pages (方案调整). They only validate; :mod:`.services_amend` decides."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from reformtrack.core.widgets import DateTextInput, SearchableSelectMultiple, searchable

from .models import Chapter, Plan, Project, Unit

_TEXT = {"class": "form-control"}


def _date(label: Any, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DateTextInput())


def _reason(required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=_("Reason"),
        required=required,
        max_length=500,
        widget=forms.Textarea(attrs={**_TEXT, "rows": 2}),
    )


class ProjectChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A project named by its label and title."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.label}{obj.title}"[:80]


class AmendmentForm(forms.Form):
    """A new amendment: the decision behind it."""

    title = forms.CharField(label=_("Title"), max_length=200, widget=forms.TextInput(attrs=_TEXT))
    reason = _reason()
    decided_on = _date(_("Decided on"))
    decided_by = forms.CharField(
        label=_("Decided by"), required=False, max_length=200, widget=forms.TextInput(attrs=_TEXT)
    )
    doc_number = forms.CharField(
        label=_("Document number"), required=False, max_length=100, widget=forms.TextInput(attrs=_TEXT)
    )


class RevertForm(forms.Form):
    """The confirmation of a revert: why, and the decision behind it."""

    reason = _reason()
    decided_on = _date(_("Decided on"))
    decided_by = forms.CharField(
        label=_("Decided by"), required=False, max_length=200, widget=forms.TextInput(attrs=_TEXT)
    )
    doc_number = forms.CharField(
        label=_("Document number"), required=False, max_length=100, widget=forms.TextInput(attrs=_TEXT)
    )


def _live_units() -> QuerySet[Unit]:
    return Unit.objects.filter(archived_at__isnull=True).only("pk", "name").order_by("name")


class ProjectAddForm(forms.Form):
    """A project added to the plan: its chapter, its place, title, deadline and units."""

    chapter = forms.ModelChoiceField(label=_("Chapter"), queryset=Chapter.objects.none())
    after = ProjectChoiceField(
        label=_("After the project"),
        queryset=Project.objects.none(),
        required=False,
        empty_label=_("At the end"),
    )
    label = forms.CharField(
        label=_("Label"), required=False, max_length=32, widget=forms.TextInput(attrs=_TEXT)
    )
    title = forms.CharField(label=_("Title"), widget=forms.TextInput(attrs=_TEXT))
    text = forms.CharField(label=_("Text"), required=False, widget=forms.Textarea(attrs={**_TEXT, "rows": 3}))
    deadline = _date(_("Deadline"), required=False)
    deadline_text = forms.CharField(
        label=_("Deadline as printed"), required=False, widget=forms.TextInput(attrs=_TEXT)
    )
    lead_units = forms.ModelMultipleChoiceField(
        label=_("Lead units"),
        queryset=Unit.objects.none(),
        required=False,
        widget=SearchableSelectMultiple(attrs={"size": 6, "class": "form-select"}),
    )
    co_units = forms.ModelMultipleChoiceField(
        label=_("Co-units"),
        queryset=Unit.objects.none(),
        required=False,
        widget=SearchableSelectMultiple(attrs={"size": 6, "class": "form-select"}),
    )
    reason = _reason(required=False)

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        chapter_field = self.fields["chapter"]
        after_field = self.fields["after"]
        assert isinstance(chapter_field, forms.ModelChoiceField)
        assert isinstance(after_field, forms.ModelChoiceField)
        chapter_field.queryset = Chapter.objects.filter(plan=plan).order_by("position")
        chapter_field.widget.attrs["class"] = "form-select"
        after_field.queryset = Project.objects.filter(plan=plan, level=1).only(
            "pk", "label", "title", "chapter_id"
        )
        after_field.widget.attrs["class"] = "form-select"
        searchable(after_field.widget)
        for name in ("lead_units", "co_units"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelMultipleChoiceField)
            field.queryset = _live_units()


class ProjectDropForm(forms.Form):
    """A project dropped from the plan, and why."""

    project = ProjectChoiceField(label=_("Project"), queryset=Project.objects.none())
    reason = _reason()

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["project"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Project.objects.filter(plan=plan).only("pk", "label", "title").order_by("position")
        field.widget.attrs["class"] = "form-select"
        searchable(field.widget)


class AsOfForm(forms.Form):
    """The day the ledger is shown as of, and optionally a day to compare it with."""

    date = _date(_("As of"))
    compare = _date(_("Compare with"), required=False)
