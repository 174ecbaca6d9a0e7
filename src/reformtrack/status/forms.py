"""The form of a plan's status rules."""

from __future__ import annotations

from django import forms

from .models import StatusRules
from .services import RULE_FIELDS


class RulesForm(forms.ModelForm):  # type: ignore[type-arg]
    """The thresholds of a plan's lights; checked together by services.rules_update."""

    class Meta:
        model = StatusRules
        fields = list(RULE_FIELDS)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for field in self.fields.values():
            css = "form-check-input" if isinstance(field.widget, forms.CheckboxInput) else "form-control"
            field.widget.attrs.setdefault("class", css)
