"""Forms of the ledger pages. They only validate; the views hand the cleaned data to the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from reformtrack.accounts.choices import Role
from reformtrack.core.widgets import DateTextInput, SearchableSelect, SearchableSelectMultiple

from .choices import ProjectStatus
from .models import Tag, Unit


class PersonChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A choice of user shown by full name (Chinese names live whole in ``first_name``)."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.get_username())


class ProjectForm(forms.Form):
    """What the lead unit may change on a project (title, text); the coordinating office gets the
    status, the progress (``progress``) and the assignment (``assign``) too.

    ``version`` is the project's version when the form was shown: a save over a newer version is
    refused (optimistic locking) and the form comes back with the user's input kept.
    """

    title = forms.CharField(label=_("Title"), widget=forms.Textarea(attrs={"rows": 2}))
    text = forms.CharField(label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 8}))
    status = forms.ChoiceField(label=_("Status"), choices=ProjectStatus.choices)
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    # the fields only the coordinating office sets (ledger.permissions.can_move_progress)
    PROGRESS_FIELDS = ("status", "progress")

    def __init__(
        self,
        *args: Any,
        assign: bool = False,
        progress: bool = False,
        project_id: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.assign = assign
        self.moves_progress = progress
        if not progress:
            for name in self.PROGRESS_FIELDS:
                del self.fields[name]
        if assign:
            users = (
                get_user_model().objects.filter(profile__role=Role.LEADER).order_by("first_name", "username")
            )
            # a unit merged into another is archived: its projects went to the unit it became
            units: QuerySet[Unit] = (
                Unit.objects.filter(archived_at__isnull=True).only("pk", "name").order_by("name")
            )
            self.fields["leader"] = PersonChoiceField(
                label=_("Leader in charge"),
                queryset=users,
                required=False,
                empty_label=_("None"),
                widget=SearchableSelect(),
            )
            self.fields["lead_units"] = forms.ModelMultipleChoiceField(
                label=_("Lead units"),
                queryset=units,
                required=False,
                widget=SearchableSelectMultiple(attrs={"size": 8}),
            )
            self.fields["co_units"] = forms.ModelMultipleChoiceField(
                label=_("Co-units"),
                queryset=units,
                required=False,
                widget=SearchableSelectMultiple(attrs={"size": 8}),
            )
            self.fields["start_date"] = forms.DateField(
                label=_("Start date"),
                required=False,
                help_text=_("Within the plan's years and not after the deadline; empty if unknown."),
                widget=DateTextInput(),
            )
            self.fields["tags"] = forms.ModelMultipleChoiceField(
                label=_("Tags"),
                # an archived tag stays offered where it is on the project, so a save keeps it
                queryset=Tag.objects.filter(Q(archived=False) | Q(project_tags__project=project_id))
                .distinct()
                .only("pk", "name")
                .order_by("name"),
                required=False,
                widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
            )
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple):
                continue
            if isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            elif not isinstance(widget, forms.HiddenInput):
                widget.attrs.setdefault("class", "form-control")

    def clean_title(self) -> str:
        title = str(self.cleaned_data["title"]).strip()
        if not title:
            raise forms.ValidationError(_("A project needs a title."))
        return title

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.assign:
            both = set(cleaned.get("lead_units") or []) & set(cleaned.get("co_units") or [])
            if both:
                names = "、".join(sorted(unit.name for unit in both))
                raise forms.ValidationError(
                    _("A unit cannot be lead unit and co-unit at once: %(names)s"), params={"names": names}
                )
        return cleaned


class MilestoneForm(forms.Form):
    """A milestone of a project: when, what, and whether it is reached."""

    date = forms.DateField(
        label=_("Date"),
        widget=DateTextInput(),
    )
    title = forms.CharField(
        label=_("Title"), max_length=200, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    done = forms.BooleanField(
        label=_("Done"), required=False, widget=forms.CheckboxInput(attrs={"class": "form-check-input"})
    )


class UnitNameForm(forms.Form):
    """A unit's new name, or another name it is printed as; the service checks it is free."""

    name = forms.CharField(
        label=_("Name"), max_length=400, widget=forms.TextInput(attrs={"class": "form-control"})
    )


class UnitRenameForm(UnitNameForm):
    """A new name for a unit; ``version`` is the unit's when the page was shown."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class UnitMergeChoiceForm(forms.Form):
    """The unit another one is merged into: the units in use, but not the merged one itself."""

    into = forms.ModelChoiceField(
        label=_("Merge into"),
        queryset=Unit.objects.none(),
        widget=SearchableSelect(attrs={"class": "form-select"}),
    )

    def __init__(self, *args: Any, source: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = (  # type: ignore[attr-defined]
            Unit.objects.filter(archived_at__isnull=True)
            .exclude(pk=source.pk)
            .only("pk", "name")
            .order_by("name")
        )


class UnitMergeForm(forms.Form):
    """The confirmation of a merge: both units' versions as the page showed them, and why."""

    into = forms.IntegerField(widget=forms.HiddenInput)
    source_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    into_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    note = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
        help_text=_("Kept in the history of both units."),
    )
