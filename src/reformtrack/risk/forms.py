"""Forms of the risk pages: they validate input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import Decision, Dimension


class AssessmentForm(forms.Form):
    """The summary and, per assessed dimension, its score and evidence."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, dimensions: list[str], scale_max: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.dimensions = dimensions
        for dimension in dimensions:
            label = Dimension(dimension).label
            self.fields[f"score_{dimension}"] = forms.IntegerField(
                label=_("%(dimension)s: score") % {"dimension": label},
                required=False,
                min_value=1,
                max_value=scale_max,
            )
            self.fields[f"evidence_{dimension}"] = forms.CharField(
                label=_("%(dimension)s: evidence") % {"dimension": label},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def scores(self) -> dict[str, tuple[int | None, str]]:
        return {
            d: (self.cleaned_data.get(f"score_{d}"), self.cleaned_data.get(f"evidence_{d}") or "")
            for d in self.dimensions
        }


class GroupForm(forms.Form):
    name = forms.CharField(label=_("Affected group"), max_length=200)
    concerns = forms.CharField(label=_("Concerns"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class RiskForm(forms.Form):
    description = forms.CharField(label=_("Risk"), widget=forms.Textarea(attrs={"rows": 2}))
    likelihood = forms.IntegerField(label=_("Likelihood (1–5)"), min_value=1, max_value=5)
    impact = forms.IntegerField(label=_("Impact (1–5)"), min_value=1, max_value=5)
    mitigation = forms.CharField(
        label=_("Mitigation"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    owner = forms.CharField(label=_("Owner"), max_length=200, required=False)


class ReturnForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("What to change"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DecisionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class RuleForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    assess_safety = forms.BooleanField(label=_("Assess safety as a fifth dimension"), required=False)
    scale_max = forms.IntegerField(label=_("Highest score"), min_value=2, max_value=100)
    score_high_at = forms.IntegerField(label=_("A score at or below this is high risk"), min_value=1)
    score_medium_at = forms.IntegerField(
        label=_("A score at or below this is at least medium risk"), min_value=1
    )
    product_high_at = forms.IntegerField(
        label=_("Likelihood × impact from which the risk is high"), min_value=1, max_value=25
    )
    product_medium_at = forms.IntegerField(
        label=_("Likelihood × impact from which the risk is at least medium"), min_value=1, max_value=25
    )


class FileForm(forms.Form):
    file = forms.FileField(label=_("File"))
    dimension = forms.ChoiceField(
        label=_("For the dimension"),
        required=False,
        choices=[("", _("The whole assessment")), *Dimension.choices],
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        return {"upload": data.get("file"), "dimension": data.get("dimension") or ""}
