"""The form of the office's token page: it validates input; the service decides."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from reformtrack.ledger.forms import PersonChoiceField

from .choices import TokenKind, TokenScope


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("The person, or the system (a city dashboard, a WeCom app …)."),
    )
    kind = forms.ChoiceField(label=_("For"), choices=TokenKind.choices)
    owner = PersonChoiceField(
        label=_("Acts as account"),
        queryset=get_user_model().objects.filter(is_active=True).order_by("username"),
        help_text=_("The token sees and does what this account may; a system gets an account of its own."),
    )
    scope = forms.ChoiceField(label=_("Scope"), choices=TokenScope.choices)
