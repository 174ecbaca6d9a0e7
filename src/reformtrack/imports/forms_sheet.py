"""Forms of a ledger (台账) draft: the column mapping (one select per column) and a row's fix."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from reformtrack.ledger.models import Plan

from .errors import DraftError
from .forms import UploadForm
from .services_sheet import check_sheet_mapping
from .sheet import FIELD_LABELS


class MappingForm(forms.Form):
    """What each column of the sheet holds: ``column_0``, ``column_1`` … each a field or ``""``."""

    def __init__(self, *args: Any, headings: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = list(FIELD_LABELS.items())
        for index, heading in enumerate(headings):
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=heading or _("column %(number)d") % {"number": index + 1},
                choices=choices,
                required=False,
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )

    def mapping(self) -> dict[int, str]:
        """The mapping chosen (after :meth:`is_valid`)."""
        return {int(name.removeprefix("column_")): value or "" for name, value in self.cleaned_data.items()}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors:
            try:
                check_sheet_mapping(self.mapping())
            except DraftError as exc:
                raise forms.ValidationError(str(exc)) from exc
        return cleaned


class RowFixForm(forms.Form):
    """A person's correction of one row: its project, its deadline (only those shown are sent)."""

    project = forms.CharField(label=_("Project"), max_length=1000, required=False)
    deadline = forms.CharField(label=_("Deadline"), max_length=200, required=False)

    def values(self, sent: Any) -> dict[str, str]:
        """The fields the page sent (a field not shown is not changed)."""
        return {name: self.cleaned_data[name] for name in self.fields if name in sent}


class ProgressUploadForm(UploadForm):
    """A ledger (台账) whose 进度、完成情况、进展情况 update a stored plan."""

    document = forms.FileField(
        label=_("Ledger"),
        help_text=_(
            "An .xlsx, .xls or .csv ledger naming each project, with 进度、完成情况 or 进展情况 columns."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xls,.csv"}),
    )
    plan = forms.ModelChoiceField(
        label=_("Plan to update"),
        queryset=Plan.objects.order_by("-issued", "-id").only("id", "title"),
        empty_label=None,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    field_order = ["plan", "document"]
