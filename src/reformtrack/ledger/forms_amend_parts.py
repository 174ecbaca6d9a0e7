"""Forms of the plan amendment pages that change, split and merge projects and add, change and drop
measures, targets and chapters (方案调整). They only validate; :mod:`.services_amend` decides.

A change form carries what the user started from: a project's ``version``, or the ``state`` digest
of a chapter, measure or target (:func:`~.services_amend_core.state_token`), so a save over someone
else's is refused.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import TargetForm
from .forms_amend import _TEXT, _date, _live_units, _reason
from .models import Chapter, Measure, Plan, Project

_SELECT = {"class": "form-select"}
# the most new projects one split offers to give measures to
MAX_SPLIT = 10


def _units(label: Any) -> forms.ModelMultipleChoiceField:  # type: ignore[type-arg]
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=_live_units(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6, "class": "form-select"}),
    )


def _line(label: Any, required: bool = False, max_length: int | None = None) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, max_length=max_length, widget=forms.TextInput(attrs=_TEXT)
    )


def _text(label: Any, required: bool = False) -> forms.CharField:
    return forms.CharField(label=label, required=required, widget=forms.Textarea(attrs={**_TEXT, "rows": 3}))


class ReasonForm(forms.Form):
    """A drop: only why (required)."""

    reason = _reason()


class ProjectChangeForm(forms.Form):
    """A project's title, label, deadline, units and chapter, as the amendment changes them."""

    title = _line(_("Title"), required=True)
    label = _line(_("Label"), max_length=32)
    deadline = _date(_("Deadline"), required=False)
    deadline_text = _line(_("Deadline as printed"))
    lead_units = _units(_("Lead units"))
    co_units = _units(_("Co-units"))
    chapter = forms.ModelChoiceField(
        label=_("Chapter"),
        queryset=Chapter.objects.none(),
        help_text=_("A project moves with its sub-projects to the end of the chapter."),
    )
    reason = _reason(required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if project.parent_id is not None:
            del self.fields["chapter"]  # a sub-project moves with its parent
            return
        field = self.fields["chapter"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Chapter.objects.filter(plan=project.plan_id).order_by("position")
        field.widget.attrs.update(_SELECT)


class ProjectSplitForm(forms.Form):
    """The new projects' titles (one a line) and which of them takes each measure on."""

    titles = forms.CharField(
        label=_("Titles of the new projects"),
        help_text=_("One title a line, at least two."),
        widget=forms.Textarea(attrs={**_TEXT, "rows": 4}),
    )
    reason = _reason()

    def __init__(self, *args: Any, measures: list[Measure], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("0", _("Dropped with the project"))] + [
            (str(n), _("New project %(n)s") % {"n": n}) for n in range(1, MAX_SPLIT + 1)
        ]
        for measure in measures:
            self.fields[f"measure_{measure.pk}"] = forms.TypedChoiceField(
                label=measure.text[:80],
                choices=choices,
                coerce=int,
                initial="1",
                widget=forms.Select(attrs=_SELECT),
            )
        self.measure_ids = [measure.pk for measure in measures]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        titles = [line.strip() for line in str(cleaned.get("titles", "")).splitlines() if line.strip()]
        if "titles" in cleaned and len(titles) < 2:
            self.add_error("titles", _("A project is split into at least two projects."))
        for pk in self.measure_ids:
            index = cleaned.get(f"measure_{pk}")
            if index is not None and index > len(titles) >= 2:
                self.add_error(f"measure_{pk}", _("There are only %(n)s new projects.") % {"n": len(titles)})
        cleaned["title_list"] = titles
        cleaned["measure_map"] = {
            pk: cleaned[f"measure_{pk}"] - 1 for pk in self.measure_ids if cleaned.get(f"measure_{pk}")
        }
        return cleaned


class ProjectsChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """Projects named by their label and title."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.label}{obj.title}"[:80]


class ProjectMergeForm(forms.Form):
    """The projects merged into this one."""

    projects = ProjectsChoiceField(
        label=_("Projects merged into this one"),
        queryset=Project.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8, "class": "form-select"}),
    )
    reason = _reason()

    def __init__(self, *args: Any, plan: Plan, into: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["projects"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = (
            Project.objects.filter(plan=plan)
            .exclude(pk=into.pk)
            .exclude(parent=into)
            .only("pk", "label", "title")
            .order_by("position")
        )


class MeasureForm(forms.Form):
    """A measure's text, deadline and units."""

    text = _text(_("Text"), required=True)
    deadline = _date(_("Deadline"), required=False)
    deadline_text = _line(_("Deadline as printed"))
    lead_units = _units(_("Lead units"))
    co_units = _units(_("Co-units"))
    reason = _reason(required=False)
    state = forms.CharField(required=False, widget=forms.HiddenInput)


class TargetChangeForm(forms.Form):
    """A target's text, figures, unit of measure, deadline and form."""

    text = _line(_("Text"), required=True)
    subject = _line(_("Subject"))
    min_value = forms.FloatField(label=_("Minimum"), required=False, widget=forms.NumberInput(attrs=_TEXT))
    max_value = forms.FloatField(label=_("Maximum"), required=False, widget=forms.NumberInput(attrs=_TEXT))
    unit = _line(_("Unit of measure"), max_length=40)
    deadline = _date(_("Deadline"), required=False)
    form = forms.ChoiceField(
        label=_("Form"),
        choices=TargetForm.choices,
        initial=TargetForm.AT_LEAST,
        widget=forms.Select(attrs=_SELECT),
    )
    reason = _reason(required=False)
    state = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        lo, hi = cleaned.get("min_value"), cleaned.get("max_value")
        if lo is not None and hi is not None and lo > hi:
            self.add_error("max_value", _("The minimum is above the maximum."))
        return cleaned


class ChapterForm(forms.Form):
    """A chapter's title and text (a new one: where it goes)."""

    after = forms.ModelChoiceField(
        label=_("After the chapter"),
        queryset=Chapter.objects.none(),
        required=False,
        empty_label=_("At the end"),
        widget=forms.Select(attrs=_SELECT),
    )
    title = _line(_("Title"), required=True)
    text = _text(_("Text"))
    reason = _reason(required=False)
    state = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, plan: Plan | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if plan is None:  # a change: the chapter stays where it is
            del self.fields["after"]
            return
        del self.fields["state"]
        field = self.fields["after"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Chapter.objects.filter(plan=plan).order_by("position")
