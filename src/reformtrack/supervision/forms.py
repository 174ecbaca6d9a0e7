"""Forms of the supervision pages; the services check everything again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from reformtrack.core.widgets import DateTextInput, SearchableSelect
from reformtrack.ledger.models import Measure, Project, Unit

from .choices import OrderGrade
from .permissions import units_taking_part

_DATE = DateTextInput()


class OrderIssueForm(forms.Form):
    """Issue a supervision order about one project, chosen before the form opens.

    The project travels as a hidden field and only its own measures are offered: at city scale a
    list of every project and measure would be tens of thousands of options on one page.
    """

    project = forms.ModelChoiceField(
        queryset=Project.objects.all(),
        widget=forms.HiddenInput,
        label=_("Project"),
        error_messages={"required": _("Choose the project the order is about.")},
    )
    measure = forms.ModelChoiceField(queryset=Measure.objects.none(), label=_("Measure"), required=False)
    unit = forms.ModelChoiceField(
        queryset=Unit.objects.filter(archived_at__isnull=True).order_by("name"),
        label=_("Addressed unit"),
        widget=SearchableSelect(),
    )
    grade = forms.ChoiceField(choices=OrderGrade.choices, label=_("Grade"))
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=_("Reason"))
    requirements = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=_("Requirements"))
    response_due = forms.DateField(widget=_DATE, label=_("Response due"))

    def __init__(
        self, *args: Any, project: Project | None, projects: QuerySet[Project], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        project_field, measure = self.fields["project"], self.fields["measure"]
        assert isinstance(project_field, forms.ModelChoiceField)
        assert isinstance(measure, forms.ModelChoiceField)
        project_field.queryset = projects  # only what the issuer may see
        if project is not None:
            measure.queryset = Measure.objects.filter(project=project).order_by("position")
            # an order goes to a unit on the project (the service refuses any other)
            unit = self.fields["unit"]
            assert isinstance(unit, forms.ModelChoiceField)
            unit.queryset = units_taking_part(project).order_by("name")

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        measure, project = data.get("measure"), data.get("project")
        if measure is not None and project is not None and measure.project_id != project.pk:
            self.add_error("measure", _("The measure does not belong to the project."))
        return data


class RespondForm(forms.Form):
    """The unit's answer to an order."""

    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), label=_("Response"))


class EscalateForm(forms.Form):
    """Why an order is escalated."""

    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=_("Reason for escalation"))


class ExtensionRequestForm(forms.Form):
    """A lead unit asks for a later deadline."""

    measure = forms.ModelChoiceField(queryset=Measure.objects.none(), label=_("Measure"), required=False)
    requested_deadline = forms.DateField(widget=_DATE, label=_("Requested deadline"))
    reasons = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label=_("Reasons"))

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        measure = self.fields["measure"]
        assert isinstance(measure, forms.ModelChoiceField)
        measure.queryset = Measure.objects.filter(project=project)


class DecideForm(forms.Form):
    """The office's decision on an extension request."""

    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("reject", _("Reject"))], label=_("Decision")
    )
    comment = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=_("Comment"), required=False)


class BulletinCreateForm(forms.Form):
    """A new bulletin: its title and period; the sections are gathered from the data."""

    title = forms.CharField(max_length=200, label=_("Title"), initial="全面深化改革工作督查通报")
    period_start = forms.DateField(widget=_DATE, label=_("Period start"))
    period_end = forms.DateField(widget=_DATE, label=_("Period end"))

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        start, end = data.get("period_start"), data.get("period_end")
        if start is not None and end is not None and end < start:
            self.add_error("period_end", _("The period ends before it starts."))
        return data


class BulletinEditForm(forms.Form):
    """A draft's title and, per section, its heading and paragraphs (one a line); tables stay."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(max_length=200, label=_("Title"))

    def __init__(self, *args: Any, sections: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.section_count = len(sections)
        for i, section in enumerate(sections):
            self.fields[f"heading_{i}"] = forms.CharField(
                max_length=200, label=_("Heading"), initial=section.get("heading", "")
            )
            self.fields[f"paragraphs_{i}"] = forms.CharField(
                widget=forms.Textarea(attrs={"rows": 4}),
                label=_("Paragraphs (one a line)"),
                required=False,
                initial="\n".join(section.get("paragraphs", [])),
            )

    def texts(self) -> list[tuple[str, list[str]]]:
        """(heading, paragraphs) of every section, as the service takes them."""
        data = self.cleaned_data
        return [
            (data[f"heading_{i}"], str(data[f"paragraphs_{i}"]).splitlines())
            for i in range(self.section_count)
        ]

    def section_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        """(heading, paragraphs) bound fields of every section, for the template."""
        return [(self[f"heading_{i}"], self[f"paragraphs_{i}"]) for i in range(self.section_count)]
