"""What the staff API's writes accept: the fields of the services they call, checked for type here
and for meaning by the service (which refuses with the pages' messages)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from reformtrack.ledger.choices import ProjectStatus
from reformtrack.reporting.choices import ReportedStatus


def sent(serializer: serializers.Serializer[Any], data: Any) -> dict[str, Any]:
    """The validated fields the request sent: a form-encoded request leaves out an unticked box,
    which DRF reads as False; a field not sent is no change."""
    return {name: value for name, value in serializer.validated_data.items() if name in data}


class ProjectUpdateSerializer(serializers.Serializer[Any]):
    """``project_update``'s fields; ``version`` is the project's version the change starts from."""

    version = serializers.IntegerField(min_value=1)
    title = serializers.CharField(required=False, max_length=2000)
    text = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    status = serializers.ChoiceField(choices=ProjectStatus.choices, required=False)
    progress = serializers.IntegerField(required=False, min_value=0, max_value=100)
    progress_note = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    deadline = serializers.DateField(required=False, allow_null=True)
    deadline_text = serializers.CharField(required=False, allow_blank=True, max_length=200)
    start_date = serializers.DateField(required=False, allow_null=True)
    weight = serializers.DecimalField(required=False, max_digits=7, decimal_places=2, min_value=0)
    needs_review = serializers.BooleanField(required=False)
    is_safeguard = serializers.BooleanField(required=False)


class TargetValueRecordSerializer(serializers.Serializer[Any]):
    """``target_value_record``'s fields (the evidence file is the page's: not through the API)."""

    date = serializers.DateField()
    value = serializers.DecimalField(max_digits=18, decimal_places=4)
    note = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    # the metaclass takes declared fields off the class: this never shadows Field.source
    source = serializers.CharField(required=False, allow_blank=True, max_length=200)  # type: ignore[assignment]


class ReportDraftSerializer(serializers.Serializer[Any]):
    """``report_save_draft``'s fields; ``version`` is the report's version the change starts from."""

    version = serializers.IntegerField(min_value=1)
    reported_status = serializers.ChoiceField(choices=ReportedStatus.choices, required=False)
    percent_complete = serializers.IntegerField(required=False, min_value=0, max_value=100)
    done = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    problems = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    help_needed = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    next_steps = serializers.CharField(required=False, allow_blank=True, max_length=20000)
