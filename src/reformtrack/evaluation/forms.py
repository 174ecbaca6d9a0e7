"""Forms of the evaluation pages; the services check everything again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from reformtrack.core.widgets import DateTextInput

from .choices import Conclusion, GoalsMet
from .models import Criterion

_TEXT = {"rows": 4}


class PageForm(forms.Form):
    """A form of the evaluation's page, which holds several: each names its controls' ids after
    itself (``self-summary``), so that no two controls share an id."""

    id_prefix = "form"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}-%s")
        super().__init__(*args, **kwargs)


class VersionedForm(PageForm):
    """A form of an editable evaluation: the version it was opened at travels with it."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class DueForm(VersionedForm):
    id_prefix = "due"
    due = forms.DateField(label=_("Self-evaluation due"), required=False, widget=DateTextInput())


class SelfForm(VersionedForm):
    id_prefix = "self"
    goals_met = forms.ChoiceField(choices=GoalsMet.choices, label=_("Goals met"))
    summary = forms.CharField(widget=forms.Textarea(attrs=_TEXT), label=_("Self-evaluation"))
    cost = forms.DecimalField(
        label=_("Cost (10,000 yuan)"), required=False, min_value=0, max_digits=14, decimal_places=2
    )
    problems = forms.CharField(
        widget=forms.Textarea(attrs=_TEXT), label=pgettext_lazy("evaluation", "Problems"), required=False
    )


class OfficeForm(VersionedForm):
    id_prefix = "office"
    opinion = forms.CharField(widget=forms.Textarea(attrs=_TEXT), label=_("Office's evaluation"))
    panel = forms.BooleanField(label=_("Send to an expert panel"), required=False)


class ConcludeForm(VersionedForm):
    id_prefix = "conclude"
    conclusion = forms.ChoiceField(choices=Conclusion.choices, label=_("Conclusion"))
    reasons = forms.CharField(widget=forms.Textarea(attrs=_TEXT), label=_("Reasons"))


class CriterionForm(PageForm):
    id_prefix = "criterion"
    name = forms.CharField(max_length=100, label=_("Criterion"))
    weight = forms.DecimalField(label=_("Weight"), min_value=0, max_digits=5, decimal_places=1)
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), label=_("Description"), required=False
    )


class InviteForm(PageForm):
    id_prefix = "invite"
    username = forms.CharField(max_length=150, label=_("Username of the reviewer"))


class ExpertForm(PageForm):
    id_prefix = "expert"
    username = forms.CharField(max_length=150, label=_("Username"))
    name = forms.CharField(max_length=150, label=_("Full name"))
    password = forms.CharField(widget=forms.PasswordInput(render_value=False), label=_("Password"))


class RespondForm(PageForm):
    id_prefix = "respond"
    answer = forms.ChoiceField(
        choices=[("accept", pgettext_lazy("invitation", "Accept")), ("decline", _("Decline"))],
        label=_("Answer"),
    )


class ScoreForm(PageForm):
    """A score (0–100) and a comment per published criterion, and comments overall."""

    id_prefix = "score"
    comments = forms.CharField(widget=forms.Textarea(attrs=_TEXT), label=_("Comments"), required=False)

    def __init__(self, *args: Any, criteria: list[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"score_{criterion.pk}"] = forms.DecimalField(
                label=criterion.name, min_value=0, max_value=100, max_digits=5, decimal_places=1
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment on %(name)s") % {"name": criterion.name}, required=False
            )
        self.order_fields([*[f for c in criteria for f in (f"score_{c.pk}", f"comment_{c.pk}")], "comments"])

    def scores(self) -> dict[int, Any]:
        """Criterion id → (score, comment) of a valid form."""
        data = self.cleaned_data
        return {c.pk: (data[f"score_{c.pk}"], data.get(f"comment_{c.pk}", "")) for c in self.criteria}
