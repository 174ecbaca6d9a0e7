"""Filters of the staff API's lists by id (``?plan=3``, ``?project=12``): numbers, never a lookup
that could tell an id the account may not see from one that does not exist. Projects take the
project library's own filters (:class:`reformtrack.ledger.filtersets.ProjectFilterSet`)."""

from __future__ import annotations

import re
from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError

from reformtrack.ledger.models import Chapter, Measure, Project, Target, TargetValue, Unit
from reformtrack.reporting.models import ProgressReport
from reformtrack.supervision.models import Bulletin, SupervisionOrder

_INTEGER = re.compile(r"[+-]?[0-9]+")
_LARGEST = 2**63 - 1  # the database's integer


class BoundedFilterBackend(DjangoFilterBackend):
    """django-filter's backend, refusing (400) a whole number no database integer holds: an id
    filter would otherwise overflow SQLite's integer before any form could say so."""

    def filter_queryset(self, request: HttpRequest, queryset: QuerySet[Any], view: Any) -> QuerySet[Any]:
        for name, values in request.GET.lists():  # DRF's request hands GET on from Django's
            if any(_INTEGER.fullmatch(value) and abs(int(value)) > _LARGEST for value in values):
                raise ValidationError({name: [_("Out of range.")]})
        return super().filter_queryset(request, queryset, view)


class IdFilter(django_filters.NumberFilter):
    """An id: a whole number (a NumberFilter alone takes decimals)."""

    field_class = forms.IntegerField  # type: ignore[assignment]  # the stubs allow DecimalField only


class ChapterFilter(django_filters.FilterSet):
    plan = IdFilter(field_name="plan_id")

    class Meta:
        model = Chapter
        fields: list[str] = []


class MeasureFilter(django_filters.FilterSet):
    project = IdFilter(field_name="project_id")
    plan = IdFilter(field_name="project__plan_id")

    class Meta:
        model = Measure
        fields: list[str] = []


class TargetFilter(MeasureFilter):
    class Meta:
        model = Target
        fields: list[str] = []


class TargetValueFilter(django_filters.FilterSet):
    target = IdFilter(field_name="target_id")
    project = IdFilter(field_name="target__project_id")
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
    project = IdFilter(field_name="project_id")
    unit = IdFilter(field_name="unit_id")
    cycle = IdFilter(field_name="cycle_id")

    class Meta:
        model = ProgressReport
        fields = ["status"]


class OrderFilter(django_filters.FilterSet):
    project = IdFilter(field_name="project_id")
    unit = IdFilter(field_name="unit_id")

    class Meta:
        model = SupervisionOrder
        fields = ["status", "year", "grade"]


class BulletinFilter(django_filters.FilterSet):
    class Meta:
        model = Bulletin
        fields = ["status", "year"]


class LightFilter(django_filters.FilterSet):
    plan = IdFilter(field_name="plan_id")

    class Meta:
        model = Project
        fields = ["light"]
