"""What the award's pages share: the objects of the URL, seen as the user may see them, and files."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.utils.http import content_disposition_header

from .models import AwardCall, Nomination
from .selectors import call_of, nomination_of

if TYPE_CHECKING:
    from django.db.models.fields.files import FieldFile

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def visible_call(request: HttpRequest, pk: int) -> AwardCall:
    call = call_of(request.user, pk)
    if call is None:
        raise Http404("no such call")
    return call


def visible_nomination(request: HttpRequest, pk: int) -> Nomination:
    nomination = nomination_of(request.user, pk)
    if nomination is None:
        raise Http404("no such nomination")
    return nomination


def attachment(content: bytes | FieldFile, name: str, content_type: str) -> HttpResponse:
    body = content if isinstance(content, bytes) else content.read()
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name) or ""
    response["X-Content-Type-Options"] = "nosniff"
    return response


def posted(request: HttpRequest) -> QueryDict | None:
    """The form data of a POST (an empty one too, which is a form with errors), else ``None``."""
    return request.POST if request.method == "POST" else None
