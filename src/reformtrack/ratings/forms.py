"""Forms of the ratings pages: they validate input's shape; the services decide (abuse limits,
moderation rules)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .challenge import challenge_new
from .models import RatingSettings

SCORE_CHOICES = [
    (5, _("5 – very satisfied")),
    (4, _("4 – satisfied")),
    (3, _("3 – neither")),
    (2, _("2 – dissatisfied")),
    (1, _("1 – very dissatisfied")),
]


class RatingForm(forms.Form):
    """A citizen's rating: score, comment, the challenge, the consent box, the honeypot; and the
    phone and its code when the office verifies by phone."""

    score = forms.TypedChoiceField(
        label=_("Your satisfaction"), choices=SCORE_CHOICES, coerce=int, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Comments are published after the coordinating office has read them."),
    )
    phone = forms.CharField(label=_("Mobile number"), required=False, max_length=20)
    code = forms.CharField(label=_("Verification code"), required=False, max_length=6)
    # the honeypot: hidden from people (d-none), filled by bots that fill every field
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    challenge_token = forms.CharField(widget=forms.HiddenInput)
    challenge_answer = forms.CharField(max_length=10)
    consent = forms.BooleanField(label=_("I have read the notice above and agree to it."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # a new question on every showing: a token is good for one try
        challenge = challenge_new()
        self.fields["challenge_answer"].label = _("Question: %(question)s Write the answer in digits.") % {
            "question": challenge.question
        }
        self.fields["challenge_answer"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})
        self.fields["challenge_token"].initial = challenge.token
        # a bound form shows, once checked, the new question instead of the spent one posted
        self.renewed: dict[str, Any] | None = None
        if self.is_bound:
            self.renewed = {key: self.data.get(key) for key in self.data}
            self.renewed.update(challenge_token=challenge.token, challenge_answer="")

    def full_clean(self) -> None:
        super().full_clean()
        if self.renewed is not None:
            self.data = self.renewed  # the checks ran on the posted data


class PhoneForm(forms.Form):
    phone = forms.CharField(label=_("Mobile number"), max_length=20)


class HideForm(forms.Form):
    reason = forms.CharField(label=_("Reason for hiding"), max_length=200)


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer of the office"), widget=forms.Textarea(attrs={"rows": 3}))
    publish = forms.BooleanField(label=_("Publish the answer"), required=False, initial=True)


class SettingsForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = RatingSettings
        fields = ["consent_text", "retention_days", "phone_required", "sms_signature", "auto_publish"]
        widgets = {"consent_text": forms.Textarea(attrs={"rows": 4})}


class WordForm(forms.Form):
    word = forms.CharField(label=_("Sensitive word"), max_length=50)
