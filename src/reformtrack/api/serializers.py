"""What the staff API returns of each model: ids for the links, no file contents, no passwords.

Reads only; the writes take their own small serializers (:mod:`.serializers_write`) and go through
the services the pages use.
"""

from __future__ import annotations

from rest_framework import serializers

from reformtrack.ledger.models import (
    Chapter,
    Measure,
    Plan,
    Project,
    ProjectUnit,
    Target,
    TargetValue,
    Unit,
)
from reformtrack.reporting.models import ProgressReport
from reformtrack.supervision.models import Bulletin, SupervisionOrder


class PlanSerializer(serializers.ModelSerializer[Plan]):
    class Meta:
        model = Plan
        fields = ["id", "title", "doc_number", "issued", "period_start", "period_end", "published_at"]


class ChapterSerializer(serializers.ModelSerializer[Chapter]):
    class Meta:
        model = Chapter
        fields = ["id", "plan", "number", "title", "text", "is_safeguards", "position"]


class ProjectUnitSerializer(serializers.ModelSerializer[ProjectUnit]):
    class Meta:
        model = ProjectUnit
        fields = ["unit", "role"]


class ProjectSerializer(serializers.ModelSerializer[Project]):
    units = ProjectUnitSerializer(source="project_units", many=True, read_only=True)

    class Meta:
        model = Project
        fields = [
            "id",
            "plan",
            "chapter",
            "parent",
            "label",
            "title",
            "text",
            "level",
            "position",
            "leader",
            "units",
            "start_date",
            "deadline",
            "deadline_text",
            "weight",
            "progress",
            "status",
            "progress_note",
            "light",
            "light_reasons",
            "needs_review",
            "is_safeguard",
            "start_held",
            "public",
            "version",
        ]


class MeasureSerializer(serializers.ModelSerializer[Measure]):
    class Meta:
        model = Measure
        fields = ["id", "project", "text", "position", "start_date", "deadline", "deadline_text"]
        fields += ["weight", "progress", "light"]


class TargetSerializer(serializers.ModelSerializer[Target]):
    class Meta:
        model = Target
        fields = ["id", "project", "text", "subject", "min_value", "max_value", "unit", "deadline"]
        fields += ["position", "form", "baseline", "baseline_date"]


class TargetValueSerializer(serializers.ModelSerializer[TargetValue]):
    has_evidence = serializers.SerializerMethodField()

    class Meta:
        model = TargetValue
        fields = ["id", "target", "date", "value", "note", "source", "has_evidence", "entered_by"]
        fields += ["entered_at"]

    def get_has_evidence(self, value: TargetValue) -> bool:
        return bool(value.evidence)


class UnitSerializer(serializers.ModelSerializer[Unit]):
    class Meta:
        model = Unit
        fields = ["id", "name", "kind", "archived_at", "merged_into"]


class ReportSerializer(serializers.ModelSerializer[ProgressReport]):
    class Meta:
        model = ProgressReport
        fields = ["id", "cycle", "period_start", "period_end", "project", "unit", "status"]
        fields += ["reported_status", "percent_complete", "done", "problems", "help_needed"]
        fields += ["next_steps", "submitted_at", "reviewed_at", "review_comment", "version"]


class OrderSerializer(serializers.ModelSerializer[SupervisionOrder]):
    number = serializers.CharField(read_only=True)

    class Meta:
        model = SupervisionOrder
        fields = ["id", "number", "year", "sequence", "issuing_office", "unit", "project", "measure"]
        fields += ["reason", "requirements", "response_due", "grade", "status", "response"]
        fields += ["responded_at", "closed_at", "issued_at"]


class BulletinSerializer(serializers.ModelSerializer[Bulletin]):
    number = serializers.CharField(read_only=True)

    class Meta:
        model = Bulletin
        fields = ["id", "number", "title", "period_start", "period_end", "status", "year", "sequence"]
        fields += ["sections", "issued_at", "published_at"]


class LightSerializer(serializers.ModelSerializer[Project]):
    """A project's status light and the reasons the status app gave for it."""

    project = serializers.IntegerField(source="pk", read_only=True)

    class Meta:
        model = Project
        fields = ["project", "plan", "light", "light_reasons"]
