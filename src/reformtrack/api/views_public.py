"""The anonymous, read-only API under /api/public/: what the public portal publishes.

Only ``reformtrack.ledger.selectors_public`` decides what is here (published plans, their public
projects); the fields are the public ones: no light reasons, notes, people or reports' internals.
Anonymous requests count against the per-client rate; a signed-in caller counts as its token.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny

from reformtrack.ledger.models import Plan, Project, Target, TargetValue
from reformtrack.ledger.selectors_public import public_projects, published_plans

from .filters import IdFilter
from .schema import PUBLIC_LIST_ERRORS, PUBLIC_READ_ERRORS, responses


class PublicPlanSerializer(serializers.ModelSerializer[Plan]):
    class Meta:
        model = Plan
        fields = ["id", "title", "doc_number", "issued", "period_start", "period_end", "published_at"]


class LatestValueSerializer(serializers.ModelSerializer[TargetValue]):
    class Meta:
        model = TargetValue
        fields = ["date", "value"]


class PublicTargetSerializer(serializers.ModelSerializer[Target]):
    latest_value = serializers.SerializerMethodField()

    class Meta:
        model = Target
        fields = ["id", "text", "min_value", "max_value", "unit", "deadline", "latest_value"]

    @extend_schema_field(LatestValueSerializer(allow_null=True))
    def get_latest_value(self, target: Target) -> dict[str, Any] | None:
        values = list(target.values.all())  # prefetched, newest first
        return LatestValueSerializer(values[0]).data if values else None


class PublicProjectSerializer(serializers.ModelSerializer[Project]):
    targets = PublicTargetSerializer(many=True, read_only=True)

    class Meta:
        model = Project
        fields = ["id", "plan", "label", "title", "progress", "status", "light", "deadline"]
        fields += ["deadline_text", "targets"]


class PublicProjectFilter(django_filters.FilterSet):
    plan = IdFilter(field_name="plan_id")

    class Meta:
        model = Project
        fields = ["light", "status"]


class PublicViewSet(viewsets.ReadOnlyModelViewSet):  # type: ignore[type-arg]
    """Anyone, without credentials (a token sent here is not even read): counted per client."""

    authentication_classes: list[type] = []
    permission_classes = [AllowAny]


@extend_schema_view(
    list=extend_schema(responses=responses(PublicPlanSerializer(many=True), *PUBLIC_LIST_ERRORS)),
    retrieve=extend_schema(responses=responses(PublicPlanSerializer, *PUBLIC_READ_ERRORS)),
)
class PublicPlanViewSet(PublicViewSet):
    """The published plans, newest first."""

    serializer_class = PublicPlanSerializer
    queryset = Plan.objects.none()
    ordering_fields = ["issued", "id"]

    def get_queryset(self) -> QuerySet[Plan]:
        return published_plans().order_by("-published_at", "-id")


@extend_schema_view(
    list=extend_schema(responses=responses(PublicProjectSerializer(many=True), *PUBLIC_LIST_ERRORS)),
    retrieve=extend_schema(responses=responses(PublicProjectSerializer, *PUBLIC_READ_ERRORS)),
)
class PublicProjectViewSet(PublicViewSet):
    """The public projects of published plans, with their targets' latest values (``?plan=3``)."""

    serializer_class = PublicProjectSerializer
    queryset = Project.objects.none()
    filterset_class = PublicProjectFilter
    ordering_fields = ["position", "deadline", "progress", "id"]

    def get_queryset(self) -> QuerySet[Project]:
        values = TargetValue.objects.order_by("target", "-date")
        targets = Target.objects.order_by("project", "position").prefetch_related(
            Prefetch("values", queryset=values)
        )
        return (
            public_projects()
            .order_by("plan", "position")
            .prefetch_related(Prefetch("targets", queryset=targets))
        )
