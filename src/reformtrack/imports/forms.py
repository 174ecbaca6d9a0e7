"""Forms of the import wizard: plain HTML forms, so the wizard works with JavaScript off."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from reformtrack.core.widgets import DateTextInput, SearchableSelect
from reformtrack.ingest.read import MAX_BYTES
from reformtrack.ledger.models import Plan, Unit

from .services import split_unit_names

# documents, and ledgers (台账) kept as spreadsheets (ingest.read_sheet)
ACCEPTED = ".txt,.html,.htm,.docx,.pdf,.ofd,.xlsx,.xls,.csv"


class UploadForm(forms.Form):
    """The plan document to import."""

    document = forms.FileField(
        label=_("Plan document"),
        help_text=_(
            "A .txt, .html, .docx, .pdf or .ofd file, or a ledger (.xlsx, .xls, .csv)"
            " with one row per measure; at most 25 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED}),
    )

    def clean_document(self) -> UploadedFile[bytes]:
        document: UploadedFile[bytes] = self.cleaned_data["document"]
        if document.size is not None and document.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is %(size).1f MB; documents over %(limit)d MB are refused."),
                params={"size": document.size / 1e6, "limit": MAX_BYTES // 1_000_000},
            )
        return document


class UnitNamesField(forms.CharField):
    """Unit names in one line, separated by 、 (or ， ； and new lines)."""

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        return split_unit_names(super().to_python(value) or "")


class TargetLinesField(forms.CharField):
    """Targets, one per line."""

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class ItemForm(forms.Form):
    """Corrections to one item of a draft."""

    title = forms.CharField(label=_("Title"), max_length=1000)
    lead_units = UnitNamesField(
        label=_("Lead units"), required=False, help_text=_("Separate names with 、"), max_length=4000
    )
    co_units = UnitNamesField(
        label=_("Co-units"), required=False, help_text=_("Separate names with 、"), max_length=4000
    )
    targets = TargetLinesField(
        label=_("Targets"),
        required=False,
        help_text=_("One per line, e.g. 打造2至3个网商集聚区"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=8000,
    )
    reviewed = forms.BooleanField(label=_("Checked: clear the review flag"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs["class"] = "form-check-input" if name == "reviewed" else "form-control"


class PlanTitleForm(forms.Form):
    """The plan's title."""

    title = forms.CharField(label=_("Plan title"), max_length=1000)


class UnitMergeForm(forms.Form):
    """Take a parsed unit name as another name of a registry unit."""

    name = forms.CharField(widget=forms.HiddenInput, max_length=400)
    into = forms.ModelChoiceField(
        label=_("Same unit as"),
        queryset=Unit.objects.filter(archived_at__isnull=True).order_by("name"),
        required=False,
        empty_label=_("— a new unit —"),
        widget=SearchableSelect(),
    )


class RevisionUploadForm(UploadForm):
    """A revised document (调整方案) of a stored plan."""

    plan = forms.ModelChoiceField(
        label=_("Plan it revises"),
        queryset=Plan.objects.order_by("-issued", "-id").only("id", "title"),
        empty_label=None,
        widget=SearchableSelect(attrs={"class": "form-select"}),
    )
    field_order = ["plan", "document"]


class ChangeKeysField(forms.Field):
    """The keys of the changes ticked (``retitled:p42``, ``added:2-3``). Any key is taken here: the
    service checks them against the difference as it stands when applying."""

    widget = forms.SelectMultiple

    def to_python(self, value: Any) -> list[str]:
        values = value if isinstance(value, list | tuple) else []
        return [str(key)[:40] for key in values if key][:10_000]


class RevisionApplyForm(forms.Form):
    """The office's decision on a revised document: which changes, and the amendment's record."""

    accept = ChangeKeysField(label=_("Changes to apply"), required=False)
    shown = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200_000)
    title = forms.CharField(label=_("Amendment title"), max_length=500)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000)
    decided_on = forms.DateField(label=_("Decided on"), widget=DateTextInput())
    decided_by = forms.CharField(label=_("Decided by"), max_length=200, required=False)
    doc_number = forms.CharField(label=_("Document number"), max_length=100, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name not in ("accept", "shown"):
                field.widget.attrs["class"] = "form-control"
