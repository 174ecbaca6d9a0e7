"""Filters of the staff API's lists by id (``?plan=3``, ``?project=12``): numbers, never a lookup
that could tell an id the account may not see from one that does not exist. Projects take the
project library's own filters (:class:`reformtrack.ledger.filtersets.ProjectFilterSet`)."""

from __future__ import annotations

import django_filters

from reformtrack.ledger.models import Chapter, Measure, Project, Target, TargetValue, Unit
from reformtrack.reporting.models import ProgressReport
from reformtrack.supervision.models import Bulletin, SupervisionOrder


class ChapterFilter(django_filters.FilterSet):
    plan = django_filters.NumberFilter(field_name="plan_id")

    class Meta:
        model = Chapter
        fields: list[str] = []


class MeasureFilter(django_filters.FilterSet):
    project = django_filters.NumberFilter(field_name="project_id")
    plan = django_filters.NumberFilter(field_name="project__plan_id")

    class Meta:
        model = Measure
        fields: list[str] = []


class TargetFilter(MeasureFilter):
    class Meta:
        model = Target
        fields: list[str] = []


class TargetValueFilter(django_filters.FilterSet):
    target = django_filters.NumberFilter(field_name="target_id")
    project = django_filters.NumberFilter(field_name="target__project_id")
    date_after = django_filters.DateFilter(field_name="date", lookup_expr="gte")
    date_before = django_filters.DateFilter(field_name="date", lookup_expr="lte")

    class Meta:
        model = TargetValue
        fields: list[str] = []


class UnitFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(field_name="name", lookup_expr="icontains")
    archived = django_filters.BooleanFilter(field_name="archived_at", lookup_expr="isnull", exclude=True)

    class Meta:
        model = Unit
        fields = ["kind"]


class ReportFilter(django_filters.FilterSet):
    project = django_filters.NumberFilter(field_name="project_id")
    unit = django_filters.NumberFilter(field_name="unit_id")
    cycle = django_filters.NumberFilter(field_name="cycle_id")

    class Meta:
        model = ProgressReport
        fields = ["status"]


class OrderFilter(django_filters.FilterSet):
    project = django_filters.NumberFilter(field_name="project_id")
    unit = django_filters.NumberFilter(field_name="unit_id")

    class Meta:
        model = SupervisionOrder
        fields = ["status", "year", "grade"]


class BulletinFilter(django_filters.FilterSet):
    class Meta:
        model = Bulletin
        fields = ["status", "year"]


class LightFilter(django_filters.FilterSet):
    plan = django_filters.NumberFilter(field_name="plan_id")

    class Meta:
        model = Project
        fields = ["light"]
