"""Forms of the study pages; the services check everything again."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from reformtrack.core.widgets import DateTextInput

from .choices import ConsultationMethod

_VERSION = {"widget": forms.HiddenInput, "min_value": 1}


def _area(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class StudyForm(forms.Form):
    """The study's background and its decision, with the version it was opened at."""

    background = forms.CharField(
        label=_("Background"),
        widget=_area(6),
        help_text=_("Why the reform is needed and what it starts from."),
    )
    decision_text = forms.CharField(label=_("Decision"), widget=_area(4), required=False)
    decision_date = forms.DateField(label=_("Decision date"), widget=DateTextInput(), required=False)
    decision_body = forms.CharField(
        label=_("Decided by"),
        max_length=200,
        required=False,
        help_text=_("The body or meeting that decided."),
    )
    decision_number = forms.CharField(
        label=_("Document number"), max_length=100, required=False, help_text=_("Such as 罗发〔2013〕3号.")
    )
    decision_title = forms.CharField(label=_("Document title"), max_length=200, required=False)
    version = forms.IntegerField(**_VERSION)  # type: ignore[arg-type]


class OptionForm(forms.Form):
    """An option considered: what it is, its assessment, whether the decision took it."""

    description = forms.CharField(label=_("Option"), widget=_area(3))
    assessment = forms.CharField(
        label=_("Assessment"), widget=_area(3), required=False, help_text=_("Its advantages and drawbacks.")
    )
    chosen = forms.BooleanField(label=_("Chosen by the decision"), required=False)
    version = forms.IntegerField(required=False, **_VERSION)  # type: ignore[arg-type]


class ConsultationForm(forms.Form):
    """An entry of the consultation record."""

    consulted = forms.CharField(label=_("Consulted"), max_length=200, help_text=_("Who was asked."))
    method = forms.ChoiceField(label=_("Method"), choices=ConsultationMethod.choices)
    held_on = forms.DateField(label=_("Date"), widget=DateTextInput())
    opinions = forms.CharField(label=_("What they said"), widget=_area(3))
    response = forms.CharField(label=_("How it was taken into account"), widget=_area(3), required=False)
    version = forms.IntegerField(required=False, **_VERSION)  # type: ignore[arg-type]


class ReturnForm(forms.Form):
    """The office's reason for sending a study back."""

    comment = forms.CharField(label=_("Why it is returned"), widget=_area(3))
    version = forms.IntegerField(**_VERSION)  # type: ignore[arg-type]


class VersionForm(forms.Form):
    """An action on a record at the version the page showed (submit, accept, remove)."""

    version = forms.IntegerField(**_VERSION)  # type: ignore[arg-type]
