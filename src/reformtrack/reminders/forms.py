"""The form of a person's notice preferences: one choice of channel for every kind of event."""

from __future__ import annotations

from typing import Any

from django import forms

from .choices import NoticeChannel, NoticeKind


class NoticePreferencesForm(forms.Form):
    """A select per kind (named by the kind's code), each defaulting to in the app."""

    def __init__(self, *args: Any, current: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind in NoticeKind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=NoticeChannel.choices,
                initial=current.get(kind.value, NoticeChannel.APP),
            )
