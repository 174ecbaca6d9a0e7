"""Forms of the appraisal pages; the services check everything again."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from reformtrack.core.widgets import SearchableSelect
from reformtrack.ledger.models import Unit

from .components import offered
from .models import Scheme
from .selectors import GROUP_OF_KIND

TOTAL_WEIGHT = 100  # the weights are the points of a total out of 100, before the bonus


class SchemeCreateForm(forms.Form):
    """Start the scheme of a year."""

    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)


class SchemeForm(forms.Form):
    """A scheme's weights (one field per component offered), bonus cap and appeal window."""

    bonus_cap = forms.DecimalField(
        label=_("Bonus cap (points)"), min_value=Decimal(0), max_digits=6, decimal_places=2
    )
    appeal_days = forms.IntegerField(label=_("Appeal window (days)"), min_value=1, max_value=60)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, scheme: Scheme, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {"bonus_cap": scheme.bonus_cap, "appeal_days": scheme.appeal_days, "version": scheme.version}
            | {f"weight_{key}": weight for key, weight in scheme.weights.items()},
        )
        super().__init__(*args, **kwargs)
        for component in offered():
            self.fields[f"weight_{component.key}"] = forms.IntegerField(
                label=str(component.name), min_value=0, max_value=TOTAL_WEIGHT, initial=0
            )

    def weights(self) -> dict[str, int]:
        return {component.key: self.cleaned_data[f"weight_{component.key}"] for component in offered()}

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        if not self.errors and sum(self.weights().values()) != TOTAL_WEIGHT:
            raise forms.ValidationError(_("The weights must add up to %(total)d.") % {"total": TOTAL_WEIGHT})
        return data


class BonusClaimForm(forms.Form):
    """List a reform achievement of a unit."""

    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    unit = forms.ModelChoiceField(
        queryset=Unit.objects.filter(archived_at__isnull=True, kind__in=list(GROUP_OF_KIND)).order_by("name"),
        label=_("Unit"),
        widget=SearchableSelect(),
    )
    description = forms.CharField(label=_("Reform achievement"), widget=forms.Textarea(attrs={"rows": 2}))
    points = forms.DecimalField(label=_("Points"), min_value=Decimal("0.01"), max_digits=6, decimal_places=2)
    evidence = forms.CharField(
        label=_("Supporting evidence"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    approved = forms.BooleanField(label=_("Approved"), required=False)


class AppealForm(forms.Form):
    """A unit's appeal: its reasons and an attachment."""

    reasons = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 4}))
    attachment = forms.FileField(label=_("Attachment"), required=False)


class DecideForm(forms.Form):
    """The office's decision on an appeal."""

    upheld = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("yes", _("Uphold: change the score")), ("no", _("Do not uphold"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    points = forms.DecimalField(
        label=_("Score change (points, negative lowers it)"), required=False, max_digits=8, decimal_places=2
    )
    reason = forms.CharField(label=_("Reason of the decision"), widget=forms.Textarea(attrs={"rows": 3}))
