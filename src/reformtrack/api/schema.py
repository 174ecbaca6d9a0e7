"""The answers every operation documents in the OpenAPI schema, errors included.

Each view names its success answer and which errors it can give; :func:`responses` adds the
bodies: ``{"detail": "…"}`` for 401, 403, 404, 409 and 429, the field errors object for 400.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers

ERROR = inline_serializer("Error", fields={"detail": serializers.CharField()})

_DESCRIPTIONS = {
    400: "Invalid input: an object of field names and their messages (or a list of messages)",
    401: "No credentials, or a token unknown or revoked",
    403: "Not allowed: a read-only token writing, or the account may not do this",
    404: "Not found, or not visible to the account (never revealed which)",
    409: "Someone saved in between: the version sent is stale",
    429: "Too many requests: the token's (or the client's) rate is spent",
}


def responses(ok: Any, *errors: int, status: int = 200) -> dict[int, Any]:
    """The ``responses`` of ``extend_schema``: ``ok`` under ``status``, and each error code given."""
    answers: dict[int, Any] = {status: ok}
    for code in errors:
        body = OpenApiTypes.OBJECT if code == 400 else ERROR
        answers[code] = OpenApiResponse(body, description=_DESCRIPTIONS[code])
    return answers


# the errors of the staff API's reads: a list can be filtered wrongly (400) or paged too far (404)
LIST_ERRORS = (400, 401, 403, 404, 429)
READ_ERRORS = (401, 403, 404, 429)
WRITE_ERRORS = (400, 401, 403, 404, 409, 429)
PUBLIC_LIST_ERRORS = (400, 404, 429)
PUBLIC_READ_ERRORS = (404, 429)


class TokenScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    """The token header in the schema: ``Authorization: Token rt_…``."""

    target_class = "reformtrack.api.authentication.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Token authentication: `Authorization: Token <key>` (docs/api.md)",
        }
