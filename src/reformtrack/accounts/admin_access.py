"""Who may use the admin: the coordinating office, by the rules of ``permissions`` (not model permissions)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest

from .permissions import can_manage_programme


class ProgrammeAdminMixin:
    """Lets the coordinating office (and superusers) view, add, change and delete.

    An object the user may not see (outside ``get_queryset``) answers 404 on every object page
    (change, delete, history, password), as the programme's own views do, instead of Django's
    redirect to the index with a message: the server refuses, and does not say whether it exists.
    Admins that narrow ``get_queryset`` by user check ``has_*_permission(request, obj)`` too.
    """

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

    def get_object(self, request: HttpRequest, object_id: str, from_field: str | None = None) -> Any:
        found = super().get_object(request, object_id, from_field)  # type: ignore[misc]
        if found is None:
            raise Http404("no such object")
        return found
