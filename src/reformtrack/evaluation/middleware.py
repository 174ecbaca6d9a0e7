"""A signed-in user without a role (an external expert's account, or one whose profile is missing)
reaches only their own corner of the site: their assignments and the evaluations they score, their
notifications and their account. The site's root sends them to their assignments (so the login
lands there); every other page answers 404, as a page they may not see does.

Without this, such a user would get every page of the ledger with nothing in it; the pages' own
rules (the ``restrict`` rules give no role nothing) stay the guard of the data.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve

from reformtrack.accounts.permissions import role_of

# namespaces and URL names open to a signed-in user without a role
OPEN_NAMESPACES = ("accounts", "evaluation", "admin", "portal", "ratings_public", "award_public")
OPEN_NAMES = frozenset(
    {
        "set_language",
        "reminders:notifications",
        "reminders:notification_read",
        "reminders:notifications_read_all",
        "reminders:preferences",
        # an outside expert on an innovation award's panel scores its nominations (the views check
        # the membership; the service refuses their own unit's)
        "award:scoring",
        "award:score",
    }
)
LANDING_FROM = "web:dashboard"


class NoRoleFenceMiddleware:
    """See the module's docstring; placed after the authentication middleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and user.is_active and role_of(user) is None:
            try:
                match = resolve(request.path_info)
            except Resolver404:
                return self.get_response(request)
            if match.view_name == LANDING_FROM:
                return redirect("evaluation:mine")
            if match.namespace.split(":")[0] not in OPEN_NAMESPACES and match.view_name not in OPEN_NAMES:
                raise Http404
        return self.get_response(request)
