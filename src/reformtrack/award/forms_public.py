"""The public vote's form: which nomination, the accessible challenge (the ratings' own: a sum in
Chinese words and digits, no image), a consent box and a honeypot."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from reformtrack.ratings.challenge import challenge_check, challenge_new

from .models import Nomination


class VoteForm(forms.Form):
    """One vote in a call; ``candidates`` are the nominations in the running."""

    nomination = forms.TypedChoiceField(label=_("Your choice"), coerce=int, widget=forms.RadioSelect)
    # the honeypot: hidden from people (d-none), filled by bots that fill every field
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    challenge_token = forms.CharField(widget=forms.HiddenInput)
    challenge_answer = forms.CharField(max_length=10)
    consent = forms.BooleanField(
        label=_("I agree that a key of this browser is kept, hashed, to count one vote per person.")
    )

    def __init__(self, *args: Any, candidates: list[Nomination], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nomination"].choices = [  # type: ignore[attr-defined]
            (n.pk, f"{n.title}（{n.unit.name}）") for n in candidates
        ]
        challenge = challenge_new()
        self.fields["challenge_answer"].label = _("Question: %(question)s Write the answer in digits.") % {
            "question": challenge.question
        }
        self.fields["challenge_answer"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})
        self.fields["challenge_token"].initial = challenge.token
        # a refused post shows a new question: the posted token is good for one try
        if self.is_bound:
            self.renewed: Any = {key: self.data.get(key) for key in self.data}
            self.renewed.update(challenge_token=challenge.token, challenge_answer="")
        else:
            self.renewed = None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("website"):
            raise forms.ValidationError(_("Your vote could not be taken."))
        token, answer = cleaned.get("challenge_token"), cleaned.get("challenge_answer")
        if token and answer is not None and not challenge_check(token, answer):
            raise forms.ValidationError(_("The answer to the question is not right; please try the new one."))
        return cleaned

    def full_clean(self) -> None:
        super().full_clean()
        if self.renewed is not None:
            self.data = self.renewed  # the checks ran on the posted data
