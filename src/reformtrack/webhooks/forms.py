"""Forms of the webhook pages: they validate input; the services decide."""

from __future__ import annotations

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from .choices import NoticeKind


class EndpointForm(forms.Form):
    """An endpoint's name, URL, events and whether it receives them."""

    name = forms.CharField(label=_("Name"), max_length=200)
    url = forms.URLField(
        label=_("URL"),
        max_length=500,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("The address of the receiving system; events are POSTed to it as JSON."),
    )
    events = forms.MultipleChoiceField(
        label=_("Events"), choices=NoticeKind.choices, widget=forms.CheckboxSelectMultiple
    )
    active = forms.BooleanField(label=_("Active"), required=False, initial=True)


class EndpointEditForm(EndpointForm):
    """The same, opened at a version, with the choice of a new secret."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    new_secret = forms.BooleanField(
        label=_("Make a new shared secret"),
        required=False,
        help_text=_("The receiving system must then check signatures with the new secret."),
    )
