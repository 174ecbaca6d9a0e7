"""Admin for people: users with their profile (role, unit, phone), run by the coordinating office.

The office works in the admin without Django's per-model permissions: these admins, and the
ledger's, ask ``permissions.can_manage_programme`` instead, so the rules stay in one place. The
office manages the programme's people only: superusers and staff accounts are not in its lists and
their pages answer 404 (``restrict(users, user, "view")`` by the rule of ``permissions``), and its
form has no field that gives rights (superuser, staff, groups, permissions).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from reformtrack.core.restrict import restrict

from . import admin_libraries  # noqa: F401  # re-registers the libraries' admins
from .admin_access import ProgrammeAdminMixin
from .models import Profile
from .permissions import can_manage_account
from .services import account_unlock


def _manages(request: HttpRequest, obj: User | Profile | None) -> bool:
    """May the user manage this account (or the account of this profile)? No object: the list."""
    if obj is None:
        return True
    return can_manage_account(request.user, obj.user if isinstance(obj, Profile) else obj)


class ProfileInline(ProgrammeAdminMixin, admin.StackedInline[Profile, User]):
    model = Profile
    can_delete = False
    autocomplete_fields = ["unit"]
    verbose_name_plural = _("role and unit")


admin.site.unregister(User)


@admin.register(User)
class PersonAdmin(ProgrammeAdminMixin, UserAdmin[User]):
    """Django's user admin with the profile inline; the office cannot hand out superuser or staff rights."""

    inlines = [ProfileInline]
    list_display = ["username", "first_name", "profile__role", "profile__unit", "is_active", "last_login"]
    list_filter = ["profile__role", "is_active", "is_staff"]
    search_fields = ["username", "first_name", "email", "profile__unit__name"]
    actions = ["unlock"]
    office_fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Person"), {"fields": ("first_name", "email")}),
        (_("Access"), {"fields": ("is_active", "last_login", "date_joined")}),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        return restrict(super().get_queryset(request), request.user, "view").select_related("profile__unit")

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_view_permission(request, obj) and _manages(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) and _manages(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_delete_permission(request, obj) and _manages(request, obj)

    def get_fieldsets(self, request: HttpRequest, obj: User | None = None) -> Any:
        if obj is not None and not request.user.is_superuser:
            return self.office_fieldsets
        return super().get_fieldsets(request, obj)

    def get_readonly_fields(self, request: HttpRequest, obj: User | None = None) -> Any:
        if request.user.is_superuser:
            return super().get_readonly_fields(request, obj)
        return ["last_login", "date_joined"]

    @admin.action(description=_("Lift the login lockout"))
    def unlock(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        removed = 0
        for user in queryset:
            removed += account_unlock(by=request.user, username=user.username)  # type: ignore[arg-type]
        self.message_user(
            request, _("%(count)d lockout records removed.") % {"count": removed}, messages.SUCCESS
        )


@admin.register(Profile)
class ProfileAdmin(ProgrammeAdminMixin, admin.ModelAdmin[Profile]):
    list_display = ["user", "role", "unit", "phone"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__first_name", "unit__name"]
    autocomplete_fields = ["user", "unit"]
    list_select_related = ["user", "unit"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Profile]:
        accounts = restrict(User.objects.all(), request.user, "view")
        return super().get_queryset(request).filter(user__in=accounts.values("pk"))

    def has_view_permission(self, request: HttpRequest, obj: Profile | None = None) -> bool:
        return super().has_view_permission(request, obj) and _manages(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Profile | None = None) -> bool:
        return super().has_change_permission(request, obj) and _manages(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Profile | None = None) -> bool:
        return super().has_delete_permission(request, obj) and _manages(request, obj)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "user":  # a profile is given to an account the user manages
            kwargs["queryset"] = restrict(User.objects.all(), request.user, "change")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
