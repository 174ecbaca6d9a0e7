"""Forms of the case library; the services check everything again."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from reformtrack.core.widgets import SearchableSelectMultiple
from reformtrack.ledger.models import Project

from .choices import CaseSort, CaseStatus

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def _text(label: StrOrPromise, rows: int = 5, *, help_text: StrOrPromise = "") -> forms.CharField:
    return forms.CharField(
        label=label, required=False, help_text=help_text, widget=forms.Textarea(attrs={"rows": rows})
    )


class ProjectChoices(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """Projects shown with their label and title."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.label}{obj.title}"


class CaseForm(forms.Form):
    """A case's texts and its other projects (of the same plan, among those the user sees)."""

    title = forms.CharField(label=_("Title"), max_length=200)
    summary = _text(_("Summary"), 3)
    background = _text(_("Background"))
    actions = _text(pgettext_lazy("case", "What was done"), 8)
    results = _text(
        _("Results"), help_text=_("The figures of the project's targets are added from the ledger.")
    )
    lessons = _text(_("Lessons"))
    keywords = forms.CharField(
        label=_("Keywords"), max_length=200, required=False, help_text=_("Separated by commas.")
    )
    other_projects = ProjectChoices(
        queryset=Project.objects.none(),
        label=_("Other projects"),
        required=False,
        widget=SearchableSelectMultiple(),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, projects: QuerySet[Project], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["other_projects"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = projects


class ReturnForm(forms.Form):
    """The office's comment on a case it sends back."""

    comment = forms.CharField(label=_("What should change"), widget=forms.Textarea(attrs={"rows": 4}))
    version = forms.IntegerField(widget=forms.HiddenInput)


def _optional_int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def library_filters(data: Any) -> dict[str, Any]:
    """The library's filters read from a query string; anything unknown is left out."""
    published = data.get("published", "")
    status = data.get("status", "")
    sort = data.get("sort", "")
    return {
        "q": str(data.get("q", ""))[:200],
        "chapter": _optional_int(data.get("chapter")),
        "unit": _optional_int(data.get("unit")),
        "year": _optional_int(data.get("year")),
        "status": status if status in CaseStatus.values else "",
        "published": {"yes": True, "no": False}.get(published),
        "sort": sort if sort in CaseSort.values else CaseSort.UPDATED,
    }
