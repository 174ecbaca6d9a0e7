"""The staff API's endpoints over the ledger: plans, chapters, projects, measures, targets and their
values, units.

Every queryset starts from the one scoping of core: ``Project.objects.restrict(user, "view")`` and
the models' own rules; measures, targets and values have no rule of their own and are the ones of
the projects the account sees; plans and their chapters are read by every account with a role, as
on the pages. Writes call the services of the pages
(``project_update``, ``target_value_record``), which check the account again and keep versions,
history and lights.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from reformtrack.accounts.permissions import role_of
from reformtrack.ledger.filtersets import ProjectFilterSet
from reformtrack.ledger.models import Chapter, Measure, Plan, Project, ProjectUnit, Target, TargetValue, Unit
from reformtrack.ledger.permissions import can_edit_project, can_move_progress
from reformtrack.ledger.services import project_update
from reformtrack.ledger.services_targets import target_value_record

from . import filters, serializers, serializers_write
from .base import WriteLogged, service_answers
from .schema import LIST_ERRORS, READ_ERRORS, WRITE_ERRORS, responses


def visible_projects(request: Request) -> QuerySet[Project]:
    """The projects the account may see: the one rule, ledger/permissions.py's."""
    return Project.objects.restrict(request.user, "view")


def plans_for(request: Request) -> QuerySet[Plan]:
    """Every plan for an account with a role, none without one (an outside expert's account)."""
    return Plan.objects.all() if role_of(request.user) is not None else Plan.objects.none()


def read_only(serializer: Any) -> dict[str, Any]:
    """The schema of a read-only viewset's list and retrieve."""
    return {
        "list": extend_schema(responses=responses(serializer(many=True), *LIST_ERRORS)),
        "retrieve": extend_schema(responses=responses(serializer, *READ_ERRORS)),
    }


class ReadViewSet(WriteLogged, viewsets.ReadOnlyModelViewSet):  # type: ignore[type-arg]
    """A scoped read-only list and detail; an id the account may not see answers 404."""


@extend_schema_view(**read_only(serializers.PlanSerializer))
class PlanViewSet(ReadViewSet):
    """Every plan, as on the pages: a plan is read by every account with a role (its projects are
    what is scoped; tests/core/test_restrict.py's UNSCOPED says so)."""

    serializer_class = serializers.PlanSerializer
    queryset = Plan.objects.none()
    ordering_fields = ["issued", "id", "title"]

    def get_queryset(self) -> QuerySet[Plan]:
        return plans_for(self.request).order_by("-issued", "-id")


@extend_schema_view(**read_only(serializers.ChapterSerializer))
class ChapterViewSet(ReadViewSet):
    """The chapters of the plans, read like their plan."""

    serializer_class = serializers.ChapterSerializer
    queryset = Chapter.objects.none()
    filterset_class = filters.ChapterFilter
    ordering_fields = ["plan", "position", "id"]

    def get_queryset(self) -> QuerySet[Chapter]:
        return Chapter.objects.filter(plan__in=plans_for(self.request)).order_by("plan", "position")


@extend_schema_view(
    **read_only(serializers.ProjectSerializer),
    partial_update=extend_schema(
        request=serializers_write.ProjectUpdateSerializer,
        responses=responses(serializers.ProjectSerializer, *WRITE_ERRORS),
        description="Change a project through the page's service (project_update): `version` is the "
        "one read; title and text need the edit right, progress, status and deadline the "
        "coordinating office's, weights and flags the office's.",
    ),
)
class ProjectViewSet(WriteLogged, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):  # type: ignore[type-arg]
    """Projects, filtered and sorted as the project library (``q``, ``plan``, ``unit``, ``sort`` …)."""

    serializer_class = serializers.ProjectSerializer
    queryset = Project.objects.none()
    filterset_class = ProjectFilterSet
    filter_backends = [filters.BoundedFilterBackend]  # ``sort`` orders, with stable ties
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Project]:
        links = ProjectUnit.objects.order_by("role", "position")
        return visible_projects(self.request).prefetch_related(Prefetch("project_units", queryset=links))

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        project = self.get_object()
        # who may not edit at all hears so before any word on the input (the service checks again,
        # field by field)
        if not can_edit_project(request.user, project):
            raise PermissionDenied
        data = serializers_write.ProjectUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        changes = serializers_write.sent(data, request.data)
        version = changes.pop("version")
        with service_answers():
            project = project_update(project=project, by=request.user, version=version, **changes)  # type: ignore[arg-type]
        return Response(serializers.ProjectSerializer(self.get_queryset().get(pk=project.pk)).data)


@extend_schema_view(**read_only(serializers.MeasureSerializer))
class MeasureViewSet(ReadViewSet):
    serializer_class = serializers.MeasureSerializer
    queryset = Measure.objects.none()
    filterset_class = filters.MeasureFilter
    ordering_fields = ["project", "position", "deadline", "progress", "id"]

    def get_queryset(self) -> QuerySet[Measure]:
        return Measure.objects.filter(project__in=visible_projects(self.request)).order_by(
            "project", "position"
        )


@extend_schema_view(
    **read_only(serializers.TargetSerializer),
    values=extend_schema(
        request=serializers_write.TargetValueRecordSerializer,
        responses=responses(serializers.TargetValueSerializer, *WRITE_ERRORS, status=201),
        description="Record the target's actual value as of a date (target_value_record: the "
        "coordinating office; the project's light is judged again).",
    ),
)
class TargetViewSet(ReadViewSet):
    serializer_class = serializers.TargetSerializer
    queryset = Target.objects.none()
    filterset_class = filters.TargetFilter
    ordering_fields = ["project", "position", "deadline", "id"]

    def get_queryset(self) -> QuerySet[Target]:
        return Target.objects.filter(project__in=visible_projects(self.request)).order_by(
            "project", "position"
        )

    @action(detail=True, methods=["post"], filter_backends=[], pagination_class=None)
    def values(self, request: Request, **kwargs: Any) -> Response:
        target = self.get_object()
        project = target.project
        if not (can_edit_project(request.user, project) and can_move_progress(request.user, project)):
            raise PermissionDenied  # as target_value_record would, before any word on the input
        data = serializers_write.TargetValueRecordSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        with service_answers():
            row = target_value_record(target=target, by=request.user, **data.validated_data)  # type: ignore[arg-type]
        return Response(serializers.TargetValueSerializer(row).data, status=status.HTTP_201_CREATED)


@extend_schema_view(**read_only(serializers.TargetValueSerializer))
class TargetValueViewSet(ReadViewSet):
    serializer_class = serializers.TargetValueSerializer
    queryset = TargetValue.objects.none()
    filterset_class = filters.TargetValueFilter
    ordering_fields = ["date", "target", "id"]

    def get_queryset(self) -> QuerySet[TargetValue]:
        live = Target.objects.filter(project__in=visible_projects(self.request))
        return TargetValue.objects.filter(target__in=live).order_by("target", "date")


@extend_schema_view(**read_only(serializers.UnitSerializer))
class UnitViewSet(ReadViewSet):
    serializer_class = serializers.UnitSerializer
    queryset = Unit.objects.none()
    filterset_class = filters.UnitFilter
    ordering_fields = ["name", "id"]

    def get_queryset(self) -> QuerySet[Unit]:
        return Unit.objects.restrict(self.request.user, "view").order_by("name")
