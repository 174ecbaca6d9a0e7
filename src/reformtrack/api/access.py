"""Who may call the staff API: a signed-in account (token or session); writes need a write token.

What rows the account sees and what it may change is decided by the same rules as the pages
(``restrict`` and the services' own checks); this class only keeps the anonymous out (401) and a
read-scope token from writing (403).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from .choices import TokenScope
from .models import ApiToken


class ApiAccess(BasePermission):
    """Signed in for everything; with a token, writes need its ``write`` scope."""

    message = _("This token may only read.")

    def has_permission(self, request: Request, view: Any) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        if request.method in SAFE_METHODS:
            return True
        token = request.auth
        return not isinstance(token, ApiToken) or token.scope == TokenScope.WRITE
