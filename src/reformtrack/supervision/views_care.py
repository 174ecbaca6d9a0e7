"""Pages of supervision that cannot be undone or print an official document: the confirmation of
编号签发 (issuing a bulletin with a number) and of 销号 (closing an order out), and the printable
supervision order (督办单) as .docx.

A confirmation works without JavaScript: the detail page links to a GET page that says what will
happen, with a POST form carrying ``confirm``; a POST without it (an old form, a replayed request)
renders the same page and changes nothing. The server decides, never the browser.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from reformtrack.core.http import signed_in_user

from . import services
from .choices import EDITABLE_BULLETIN, OPEN_STATUSES
from .errors import SupervisionError
from .models import Bulletin, SupervisionOrder
from .order_docx import order_docx as render_order
from .permissions import can_issue_orders, can_write_bulletins
from .selectors import order_of

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CONFIRM = "confirm"


def confirmed(request: HttpRequest) -> bool:
    """A POST that carries the confirmation field (the confirm page's form)."""
    return request.method == "POST" and request.POST.get(CONFIRM) == "yes"


def _order(request: HttpRequest, pk: int) -> SupervisionOrder:
    order = order_of(request.user, pk)
    if order is None:
        raise Http404("no such order")
    return order


@login_required
@require_http_methods(["GET", "POST"])
def order_close(request: HttpRequest, order_pk: int) -> HttpResponse:
    """Close the order out (the issuing side), once confirmed."""
    order = _order(request, order_pk)
    if not can_issue_orders(request.user):
        raise PermissionDenied
    if order.status not in OPEN_STATUSES:
        messages.error(request, _("Only an open order can be closed out."))
        return redirect("supervision:order_detail", order_pk=order.pk)
    if confirmed(request):
        try:
            services.order_close(by=signed_in_user(request), order=order)
        except SupervisionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Closed out %(number)s.") % {"number": order.number})
        return redirect("supervision:order_detail", order_pk=order.pk)
    context = {
        "heading": _("Close out %(number)s?") % {"number": order.number},
        "consequence": _(
            "A closed order is taken off the active ledger: the unit can no longer answer it and it "
            "cannot be escalated. This cannot be undone."
        ),
        "button": _("Close out"),
        "cancel_url_name": "supervision:order_detail",
        "object_pk": order.pk,
        "hidden": {},
        "testid": "order-close-confirm",
    }
    return render(request, "supervision/confirm.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def bulletin_issue(request: HttpRequest, bulletin_pk: int) -> HttpResponse:
    """Issue a draft with the next number of the year, once confirmed; it is no longer editable."""
    bulletin = Bulletin.objects.restrict(request.user, "view").filter(pk=bulletin_pk).first()
    if bulletin is None:
        raise Http404("no such bulletin")
    if not can_write_bulletins(request.user):
        raise PermissionDenied
    if bulletin.status not in EDITABLE_BULLETIN:
        messages.error(request, _("Only a draft can be issued."))
        return redirect(bulletin.get_absolute_url())
    raw = (request.POST if request.method == "POST" else request.GET).get("version", "")
    version = int(raw) if raw.isdigit() else bulletin.version
    if confirmed(request):
        try:
            services.bulletin_issue(by=signed_in_user(request), bulletin=bulletin, version=version)
        except SupervisionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Issued %(number)s.") % {"number": bulletin.number})
        return redirect(bulletin.get_absolute_url())
    context = {
        "heading": _("Issue “%(title)s” with a number?") % {"title": bulletin.title},
        "consequence": _(
            "The bulletin gets the next number of the year and can no longer be edited or "
            "regenerated. This cannot be undone."
        ),
        "button": _("Issue with a number"),
        "cancel_url_name": "supervision:bulletin_detail",
        "object_pk": bulletin.pk,
        "hidden": {"version": version},
        "testid": "bulletin-issue-confirm",
    }
    return render(request, "supervision/confirm.html", context)


@login_required
@require_http_methods(["GET"])
def order_docx(request: HttpRequest, order_pk: int) -> HttpResponse:
    """The printable order (督办单) as .docx; whoever may read the order may print it."""
    order = _order(request, order_pk)
    response = HttpResponse(render_order(order), content_type=DOCX)
    name = f"{order.number}.docx"
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name) or ""
    return response
