"""Who may use the admin: the coordinating office, by the rules of ``permissions`` (not model permissions)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .permissions import can_manage_programme


class ProgrammeAdminMixin:
    """Lets the coordinating office (and superusers) view, add, change and delete."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return can_manage_programme(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_manage_programme(request.user)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return can_manage_programme(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_manage_programme(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_manage_programme(request.user)
