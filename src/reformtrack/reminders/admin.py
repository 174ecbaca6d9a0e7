"""Admin of the reminders: the group robots (managed by the coordinating office) and, read-only,
the deliveries and notifications."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from reformtrack.accounts.admin_access import ProgrammeAdminMixin

from .models import Delivery, Notification, WebhookTarget


@admin.register(WebhookTarget)
class WebhookTargetAdmin(ProgrammeAdminMixin, SimpleHistoryAdmin):  # type: ignore[misc]  # simple_history is untyped
    list_display = ["name", "kind", "unit", "active"]
    list_filter = ["kind", "active"]
    autocomplete_fields = ["unit"]


class ReadOnlyAdmin(ProgrammeAdminMixin, admin.ModelAdmin[Any]):
    """Written by the reminder runs only."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = ["title", "channel", "recipient", "webhook", "status", "attempts", "sent_at"]
    list_filter = ["status", "channel", "kind"]
    search_fields = ["key", "title"]


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["title", "recipient", "created_at", "read_at"]
    search_fields = ["title"]
