"""The staff API's endpoints over the work on the ledger: progress reports (a unit writes its own
draft), supervision orders, bulletins and the projects' status lights.

Each list is the model's ``restrict(user, "view")``; the report draft goes through
``report_save_draft``, the service of the report page, which checks the writer again.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from reformtrack.ledger.models import Project
from reformtrack.reporting.models import ProgressReport
from reformtrack.reporting.permissions import can_write_report
from reformtrack.reporting.services import report_save_draft
from reformtrack.supervision.models import Bulletin, SupervisionOrder

from . import filters, serializers, serializers_write
from .base import WriteLogged, service_answers
from .schema import WRITE_ERRORS, responses
from .views import ReadViewSet, read_only


@extend_schema_view(
    **read_only(serializers.ReportSerializer),
    partial_update=extend_schema(
        request=serializers_write.ReportDraftSerializer,
        responses=responses(serializers.ReportSerializer, *WRITE_ERRORS),
        description="Save the lead unit's draft (or returned report) through report_save_draft: "
        "`version` is the one read.",
    ),
)
class ReportViewSet(WriteLogged, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):  # type: ignore[type-arg]
    serializer_class = serializers.ReportSerializer
    queryset = ProgressReport.objects.none()
    filterset_class = filters.ReportFilter
    ordering_fields = ["period_start", "id", "status"]
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[ProgressReport]:
        user = self.request.user
        return ProgressReport.objects.restrict(user, "view").order_by("-period_start", "id")

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        report = self.get_object()
        if not can_write_report(request.user, report):
            raise PermissionDenied  # as report_save_draft would, before any word on the input
        data = serializers_write.ReportDraftSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = serializers_write.sent(data, request.data)
        version = fields.pop("version")
        with service_answers():
            report = report_save_draft(report=report, by=request.user, version=version, **fields)  # type: ignore[arg-type]
        return Response(serializers.ReportSerializer(report).data)


@extend_schema_view(**read_only(serializers.OrderSerializer))
class OrderViewSet(ReadViewSet):
    serializer_class = serializers.OrderSerializer
    queryset = SupervisionOrder.objects.none()
    filterset_class = filters.OrderFilter
    ordering_fields = ["issued_at", "response_due", "id"]

    def get_queryset(self) -> QuerySet[SupervisionOrder]:
        user = self.request.user
        return SupervisionOrder.objects.restrict(user, "view").order_by("-year", "-sequence")


@extend_schema_view(**read_only(serializers.BulletinSerializer))
class BulletinViewSet(ReadViewSet):
    serializer_class = serializers.BulletinSerializer
    queryset = Bulletin.objects.none()
    filterset_class = filters.BulletinFilter
    ordering_fields = ["period_end", "id"]

    def get_queryset(self) -> QuerySet[Bulletin]:
        user = self.request.user
        return Bulletin.objects.restrict(user, "view").order_by("-period_end", "-id")


@extend_schema_view(**read_only(serializers.LightSerializer))
class LightViewSet(ReadViewSet):
    """The status light of each project the account sees (``?light=red``, ``?plan=3``)."""

    serializer_class = serializers.LightSerializer
    queryset = Project.objects.none()
    filterset_class = filters.LightFilter
    ordering_fields = ["id"]

    def get_queryset(self) -> QuerySet[Project]:
        user = self.request.user
        projects = Project.objects.restrict(user, "view")
        return projects.only("pk", "plan_id", "light", "light_reasons").order_by("plan", "position")
