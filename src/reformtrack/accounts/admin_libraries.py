"""The admins of libraries' models, re-registered to the programme's rules.

- axes' failed-login records become the office's list of login lockouts, to lift them from the
  platform (through :func:`reformtrack.accounts.services.lockout_lift`);
- django-rq's queue pages, where the `rq` extra is installed: :mod:`.admin_rq`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from axes.models import AccessAttempt
from django.apps import apps
from django.conf import settings
from django.contrib import admin, messages
from django.db.models import OuterRef, QuerySet, Subquery, Sum
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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


if apps.is_installed("django_rq"):  # the `rq` extra: settings.INSTALLED_APPS has it only then
    from . import admin_rq  # noqa: F401  # re-registers django-rq's queue pages
