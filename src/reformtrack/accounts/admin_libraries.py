"""The admins of libraries' models, re-registered to the programme's rules.

- axes' failed-login records become the office's list of login lockouts, to lift them from the
  platform (through :func:`reformtrack.accounts.services.lockout_lift`);
- django-rq's queue pages, open to any staff account as shipped, are for superusers only, and
  let through the Content-Security-Policy the few inline bits they carry, by hash.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, cast

from axes.models import AccessAttempt
from csp.decorators import csp_update
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, QuerySet, Subquery, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_rq.admin import QueueAdmin
from django_rq.models import Dashboard

from .admin_access import ProgrammeAdminMixin
from .services import lockout_lift

if TYPE_CHECKING:
    from django.contrib.auth.models import User

admin.site.unregister(AccessAttempt)


@admin.register(AccessAttempt)
class LockoutAdmin(ProgrammeAdminMixin, admin.ModelAdmin[AccessAttempt]):
    """Failed logins by username and address, and until when each is locked out. The office reads
    them and lifts lockouts with the actions; records are not edited, and only superusers delete
    them by hand."""

    list_display = ["username", "ip_address", "failures_since_start", "attempt_time", "locked_until"]
    search_fields = ["username", "ip_address"]
    ordering = ["-attempt_time"]
    fields = ("username", "ip_address", "user_agent", "failures_since_start", "attempt_time")
    readonly_fields = fields
    actions = ["lift", "lift_address"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[AccessAttempt]:
        since = timezone.now() - settings.AXES_COOLOFF_TIME
        per_address = (
            AccessAttempt.objects.filter(ip_address=OuterRef("ip_address"), attempt_time__gte=since)
            .order_by()
            .values("ip_address")
            .annotate(failures=Sum("failures_since_start"))
            .values("failures")
        )
        found: QuerySet[AccessAttempt] = (
            super().get_queryset(request).annotate(address_failures=Subquery(per_address))
        )
        return found

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    @admin.display(description=_("locked out until"))
    def locked_until(self, attempt: AccessAttempt) -> str:
        until = attempt.attempt_time + settings.AXES_COOLOFF_TIME
        locked = attempt.failures_since_start >= settings.AXES_FAILURE_LIMIT or (
            (getattr(attempt, "address_failures", 0) or 0) >= settings.AXES_ADDRESS_FAILURE_LIMIT
        )
        return (
            timezone.localtime(until).strftime("%Y-%m-%d %H:%M") if locked and until > timezone.now() else "—"
        )

    @admin.action(description=_("Lift the lockout of these usernames from these addresses"))
    def lift(self, request: HttpRequest, queryset: QuerySet[AccessAttempt]) -> None:
        pairs = set(queryset.values_list("username", "ip_address"))
        by = cast("User", request.user)
        removed = sum(lockout_lift(by=by, username=name, ip_address=ip) for name, ip in pairs)
        self.message_user(
            request, _("%(count)d lockout records removed.") % {"count": removed}, messages.SUCCESS
        )

    @admin.action(description=_("Lift the lockout of these addresses (every username)"))
    def lift_address(self, request: HttpRequest, queryset: QuerySet[AccessAttempt]) -> None:
        addresses = set(queryset.values_list("ip_address", flat=True))
        by = cast("User", request.user)
        removed = sum(lockout_lift(by=by, ip_address=ip) for ip in addresses if ip)
        self.message_user(
            request, _("%(count)d lockout records removed.") % {"count": removed}, messages.SUCCESS
        )


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
