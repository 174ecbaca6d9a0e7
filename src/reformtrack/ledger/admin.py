"""Admin for the ledger's master data: the unit registry and the plans, each with its history.

Plans are written by the import service only, so their admin is read-only apart from deletion.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from reformtrack.accounts.admin_access import ProgrammeAdminMixin

from .models import Plan, SourceDocument, Unit, UnitAlias
from .units import normalise_unit_name


class UnitNameForm(forms.ModelForm[Any]):
    """Stores names in the normal form the import matches on."""

    def clean_name(self) -> str:
        name = normalise_unit_name(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError("A unit needs a name.")
        return name


class UnitAliasInline(ProgrammeAdminMixin, admin.TabularInline[UnitAlias, Unit]):
    model = UnitAlias
    form = UnitNameForm
    extra = 1


@admin.register(Unit)
class UnitAdmin(ProgrammeAdminMixin, SimpleHistoryAdmin):  # type: ignore[misc]  # simple_history is untyped
    form = UnitNameForm
    list_display = ["name", "kind", "reform_lead", "created_at"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases__name"]
    # a collective unit (各相关街道办事处) lists the units it stands for
    filter_horizontal = ["members"]
    autocomplete_fields = ["reform_lead"]
    # set by the merge service only (ledger/services_units.py)
    readonly_fields = ["archived_at", "merged_into", "version"]
    inlines = [UnitAliasInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Unit]:
        return super().get_queryset(request).select_related("reform_lead")  # type: ignore[no-any-return]


class SourceDocumentInline(ProgrammeAdminMixin, admin.StackedInline[SourceDocument, Plan]):
    model = SourceDocument
    fields = ["filename", "sha256", "part", "size", "source_format", "source_encoding"]
    readonly_fields = ["filename", "sha256", "part", "size", "source_format", "source_encoding"]
    can_delete = False
    extra = 0

    def has_add_permission(self, request: HttpRequest, obj: Plan | None = None) -> bool:
        return False


@admin.register(Plan)
class PlanAdmin(ProgrammeAdminMixin, SimpleHistoryAdmin):  # type: ignore[misc]  # simple_history is untyped
    list_display = ["title", "doc_number", "issued", "created_at"]
    search_fields = ["title", "doc_number"]
    readonly_fields = [
        "title",
        "doc_number",
        "issued",
        "period_start",
        "period_end",
        "preamble",
        "warnings",
        "created_at",
        "created_by",
    ]
    inlines = [SourceDocumentInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Plan]:
        return super().get_queryset(request).select_related("created_by")  # type: ignore[no-any-return]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # plans come in through `reformtrack import`
