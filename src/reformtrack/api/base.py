"""What every staff endpoint shares: the write log, the services' refusals as HTTP answers.

Every write request (POST, PUT, PATCH, DELETE) an account makes is logged with its token, whatever
its answer (:class:`WriteLogged`). A service's refusal becomes the answer the pages would give:
``PermissionDenied`` 403, a stale version 409, any other refusal 400 with its message.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.permissions import SAFE_METHODS
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from reformtrack.ledger.errors import ConcurrentEdit, LedgerError
from reformtrack.reporting.errors import ConcurrentReview, ReportError

from .models import ApiToken
from .services import write_log


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("Someone saved in between.")
    default_code = "conflict"


@contextmanager
def service_answers() -> Iterator[None]:
    """Turn a service's refusal into the API's answer (see the module's docstring)."""
    try:
        yield
    except PermissionDenied:
        raise
    except (ConcurrentEdit, ConcurrentReview) as exc:
        raise Conflict(str(exc)) from exc
    except (LedgerError, ReportError) as exc:
        raise exceptions.ValidationError({"detail": [str(exc)]}) from exc


class WriteLogged(APIView):
    """Logs each write request of a signed-in account (an anonymous one is refused before any
    write and not logged: it has no token to log)."""

    def finalize_response(self, request: Request, response: Response, *args: Any, **kwargs: Any) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)
        user = getattr(request, "user", None)
        if request.method not in SAFE_METHODS and user is not None and user.is_authenticated:
            token = request.auth if isinstance(request.auth, ApiToken) else None
            model = getattr(getattr(self, "queryset", None), "model", None)
            write_log(
                token=token,
                user=user,
                method=request.method or "",
                path=request.path,
                status=response.status_code,
                object_type=getattr(self, "basename", "") or (model.__name__ if model else ""),
                object_id=str(kwargs.get("pk", "")),
            )
        return response
