"""The unit's answer to a supervision order, with its attachments, and their download.

An attachment is served to whoever may read its order (another unit's answers 404), under the
type its content was recognised as, never inline: a file is evidence, not a page of the site.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from reformtrack.core.http import signed_in_user
from reformtrack.reporting.evidence import ACCEPT_ATTRIBUTE, ACCEPTED, download_name

from .errors import SupervisionError
from .forms import RespondForm
from .models import OrderAttachment
from .permissions import can_respond_order
from .selectors import order_of
from .services_answer import order_answer


@login_required
@require_http_methods(["GET", "POST"])
def order_respond(request: HttpRequest, order_pk: int) -> HttpResponse:
    """The addressed unit answers the order, with files backing the answer if it has them."""
    order = order_of(request.user, order_pk)
    if order is None:
        raise Http404("no such order")
    if not can_respond_order(request.user, order):
        raise PermissionDenied
    form = RespondForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            order_answer(
                by=signed_in_user(request),
                order=order,
                text=form.cleaned_data["text"],
                uploads=request.FILES.getlist("files"),
            )
        except SupervisionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Your response is sent."))
            return redirect("supervision:order_detail", order_pk=order.pk)
    context = {"order": order, "form": form, "accepted_types": ACCEPTED, "accept_attribute": ACCEPT_ATTRIBUTE}
    return render(request, "supervision/order_respond.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET"])
def attachment_download(request: HttpRequest, attachment_pk: int) -> FileResponse:
    """A file of an order's answer, to whoever may read the order."""
    attachment = OrderAttachment.objects.filter(pk=attachment_pk).first()
    if attachment is None or order_of(request.user, attachment.order_id) is None:
        raise Http404("no such attachment")
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=download_name(attachment.original_name, str(attachment.file.name)),
        content_type=attachment.content_type,
    )
