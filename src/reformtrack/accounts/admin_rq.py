"""django-rq's queue pages (the `rq` extra), re-registered to the programme's rules: open to any
staff account as shipped, they are for superusers only, and let through the Content-Security-Policy
the few inline bits they carry, by hash. Imported by :mod:`.admin_libraries` only where django-rq is
installed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from csp.decorators import csp_update
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern
from django_rq.admin import QueueAdmin
from django_rq.models import Dashboard


def superusers_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Refuse (403) a staff account that is not a superuser; leave the rest to the view's own check
    (the admin's login page for everyone else, django-rq's token for its statistics)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if user.is_authenticated and getattr(user, "is_staff", False) and not user.is_superuser:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


# django-rq's templates (pinned version): the job lists' script that wires the admin actions
# (`$("tr input.action-select").actions()`), three <style> blocks and two style attributes. Allowed
# by their SHA-256 on its pages only; tests/accounts/test_admin_libraries_csp.py recomputes them.
RQ_PAGES_CSP = {
    "script-src": ["'sha256-1kZe1KRxelr3ptMPsod17Z6BDvbtm4WcufgsZGvsErM='"],
    "style-src": [
        "'sha256-v5MY146GJAjl1QbCe2MklIw9r0xCNOWCEWSPd53tlgQ='",  # stats.html
        "'sha256-KKjBAGERxCMkpnyRzzx30Ft5uJyWEE4TggCMJ9MJhMw='",  # clear_queue.html and others
        "'sha256-3HT4TFoCN6UZR/IBz5IGZ/l8VEv+BIOqCR558/XA3Jg='",  # worker_details.html, result_detail.html
        "'sha256-k21rurKGtu5SGB1OFBbco10qy802mANKUYnLClIu1eQ='",  # style="margin-top: 20px;"
        "'sha256-BSTKIYoPCaklkJ9YS/ZVYuKW8e+DG8jZJCXznBzHjgg='",  # style="display: inline-block;"
    ],
}


admin.site.unregister(Dashboard)


@admin.register(Dashboard)
class QueueDashboardAdmin(QueueAdmin):
    """django-rq's pages let any staff account read, empty and requeue the job queues. The queues
    are the operator's, not the programme's: only a superuser opens them."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def get_object(self, request: HttpRequest, object_id: str, from_field: str | None = None) -> Any:
        raise Http404("the dashboard has no objects")  # its model has no table

    def get_urls(self) -> list[URLPattern]:
        patterns: list[URLPattern] = super().get_urls()  # type: ignore[no-untyped-call]  # django-rq
        for pattern in patterns:
            pattern.callback = csp_update(RQ_PAGES_CSP)(superusers_only(pattern.callback))
        return patterns
