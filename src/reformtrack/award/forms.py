"""Forms of the award's pages; the services check everything again."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from reformtrack.core.widgets import DateTextInput, SearchableSelect
from reformtrack.ledger.models import Project

from .choices import PrizeLevel
from .models import AwardCall, Criterion
from .services import CallData

_DATE = DateTextInput()
# A criterion per line: name｜weight｜description (full-width or ASCII bars)
CRITERIA_HELP = _("One criterion a line: name | weight | description.")


def _parse_criteria(text: str) -> list[tuple[str, Decimal, str]]:
    found = []
    for line in text.splitlines():
        if not line.strip():
            continue
        parts = [part.strip() for part in line.replace("｜", "|").split("|")]
        if len(parts) < 2 or not parts[0]:
            raise forms.ValidationError(
                _("Each line needs a name and a weight: %(line)s"), params={"line": line}
            )
        try:
            weight = Decimal(parts[1])
        except InvalidOperation:
            raise forms.ValidationError(_("Not a weight: %(line)s"), params={"line": line}) from None
        if weight <= 0:
            raise forms.ValidationError(_("A weight is above zero: %(line)s"), params={"line": line})
        found.append((parts[0], weight, " | ".join(parts[2:])))
    if not found:
        raise forms.ValidationError(_("Give at least one criterion."))
    return found


class CallForm(forms.Form):
    """The office's call: dates, quota, public vote, criteria and prizes."""

    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Title"), max_length=200)
    nomination_opens = forms.DateField(label=_("Nominations open"), widget=_DATE)
    nomination_closes = forms.DateField(label=_("Nominations close"), widget=_DATE)
    scoring_opens = forms.DateField(label=_("Scoring opens"), widget=_DATE)
    scoring_closes = forms.DateField(label=_("Scoring closes"), widget=_DATE)
    max_nominations_per_unit = forms.IntegerField(
        label=_("Nominations per unit at most"), min_value=1, initial=2
    )
    criteria = forms.CharField(
        label=_("Criteria"), widget=forms.Textarea(attrs={"rows": 4}), help_text=CRITERIA_HELP
    )
    public_vote = forms.BooleanField(label=_("Public vote"), required=False)
    vote_weight = forms.DecimalField(
        label=_("Weight of the public vote (%)"), min_value=0, max_value=100, initial=0, required=False
    )
    vote_opens = forms.DateField(label=_("Voting opens"), widget=_DATE, required=False)
    vote_closes = forms.DateField(label=_("Voting closes"), widget=_DATE, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for level, label in PrizeLevel.choices:
            self.fields[f"count_{level}"] = forms.IntegerField(
                label=_("%(prize)s: how many") % {"prize": label}, min_value=0, initial=0
            )
            self.fields[f"bonus_{level}"] = forms.DecimalField(
                label=_("%(prize)s: bonus points") % {"prize": label},
                min_value=0,
                initial=0,
                decimal_places=2,
            )

    def clean_criteria(self) -> list[tuple[str, Decimal, str]]:
        return _parse_criteria(self.cleaned_data["criteria"])

    def call_data(self) -> CallData:
        data = self.cleaned_data
        return CallData(
            year=data["year"],
            title=data["title"],
            nomination_opens=data["nomination_opens"],
            nomination_closes=data["nomination_closes"],
            scoring_opens=data["scoring_opens"],
            scoring_closes=data["scoring_closes"],
            max_nominations_per_unit=data["max_nominations_per_unit"],
            public_vote=data["public_vote"],
            vote_weight=data["vote_weight"] or Decimal(0),
            vote_opens=data["vote_opens"],
            vote_closes=data["vote_closes"],
            criteria=data["criteria"],
            prizes={level: (data[f"count_{level}"], data[f"bonus_{level}"]) for level in PrizeLevel.values},
        )


def call_initial(call: AwardCall) -> dict[str, Any]:
    """The form's values for an existing call."""
    initial: dict[str, Any] = {
        name: getattr(call, name)
        for name in (
            "year",
            "title",
            "nomination_opens",
            "nomination_closes",
            "scoring_opens",
            "scoring_closes",
            "max_nominations_per_unit",
            "public_vote",
            "vote_weight",
            "vote_opens",
            "vote_closes",
        )
    }
    initial["criteria"] = "\n".join(
        " | ".join(part for part in (c.name, f"{c.weight.normalize():f}", c.description) if part)
        for c in call.criteria.all()
    )
    for rule in call.prizes.all():
        initial[f"count_{rule.level}"], initial[f"bonus_{rule.level}"] = rule.count, rule.bonus_points
    return initial


class _ProjectChoices(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.title)


class _UserChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.get_username())


class NominationForm(forms.Form):
    """A unit's nomination: a title, the projects it rests on, the statement."""

    title = forms.CharField(label=_("Title of the achievement"), max_length=200)
    projects = _ProjectChoices(
        queryset=Project.objects.none(),
        label=_("Projects"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    statement = forms.CharField(
        label=_("Statement"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, projects: QuerySet[Project], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["projects"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = projects


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("Evidence file"))


class PanelForm(forms.Form):
    """Appoint a user to the panel: any active user."""

    user = _UserChoice(
        queryset=User.objects.filter(is_active=True).order_by("username"),
        label=_("Expert"),
        widget=SearchableSelect(),
    )


class ScoreForm(forms.Form):
    """A score (0–100) and a comment per criterion of the call."""

    def __init__(self, *args: Any, criteria: list[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"score_{criterion.pk}"] = forms.DecimalField(
                label=_("%(criterion)s (weight %(weight)s)")
                % {"criterion": criterion.name, "weight": f"{criterion.weight.normalize():f}"},
                min_value=0,
                max_value=100,
                decimal_places=2,
                help_text=criterion.description,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}), required=False
            )

    def values(self) -> dict[int, tuple[Decimal, str]]:
        data = self.cleaned_data
        return {c.pk: (data[f"score_{c.pk}"], data[f"comment_{c.pk}"]) for c in self.criteria}


NOT_AWARDED = ""


class DecisionForm(forms.Form):
    prize = forms.ChoiceField(
        label=_("Decision"), choices=[(NOT_AWARDED, _("No prize")), *PrizeLevel.choices], required=False
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
