"""The form of the office's token page: it validates input; the service decides."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .choices import TokenKind, TokenScope


class OwnerField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """Accounts shown by name and login."""

    def label_from_instance(self, obj: Any) -> str:
        name = obj.get_full_name()
        return f"{name} ({obj.get_username()})" if name else str(obj.get_username())


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("The person, or the system (a city dashboard, a WeCom app …)."),
    )
    kind = forms.ChoiceField(label=_("For"), choices=TokenKind.choices)
    owner = OwnerField(
        label=_("Acts as account"),
        queryset=get_user_model().objects.filter(is_active=True).order_by("username"),
        help_text=_("The token sees and does what this account may; a system gets an account of its own."),
    )
    scope = forms.ChoiceField(label=_("Scope"), choices=TokenScope.choices)
