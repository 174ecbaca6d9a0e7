"""Pages of the webhooks: the coordinating office's endpoints (list, create, edit, archive, ping) and
each endpoint's deliveries with their status (a failed one sent again by hand).

Everyone but the office is refused (403) before any object is looked up; anonymous users go to the
login page. Views read through the selectors and write through the services.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reformtrack.core.http import signed_in_user

from . import services
from .choices import DeliveryStatus, NoticeKind
from .errors import WebhookError
from .forms import EndpointEditForm, EndpointForm
from .models import Endpoint
from .permissions import can_manage_webhooks
from .selectors import delivery_of, endpoint_deliveries, endpoint_of, endpoints_of

PAGE_SIZE = 50


def _office(request: HttpRequest) -> None:
    if not can_manage_webhooks(request.user):
        raise PermissionDenied


def _endpoint(request: HttpRequest, pk: int) -> Endpoint:
    endpoint = endpoint_of(request.user, pk)
    if endpoint is None:
        raise Http404("no such endpoint")
    return endpoint


@login_required
@require_GET
def endpoint_list(request: HttpRequest) -> HttpResponse:
    """The endpoints, with their failed deliveries; the archived ones on ``?archived=1``."""
    _office(request)
    archived = request.GET.get("archived") == "1"
    context = {"endpoints": list(endpoints_of(request.user, archived=archived)), "archived": archived}
    return render(request, "webhooks/endpoint_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def endpoint_create(request: HttpRequest) -> HttpResponse:
    """A new endpoint; its secret is made here and shown on its page."""
    _office(request)
    form = EndpointForm(request.POST or None, initial={"events": NoticeKind.values})
    if request.method == "POST" and form.is_valid():
        endpoint = services.endpoint_create(by=signed_in_user(request), **form.cleaned_data)
        messages.success(request, _("The endpoint is saved. Give its shared secret to the receiving system."))
        return redirect(endpoint)
    return render(request, "webhooks/endpoint_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_GET
def endpoint_detail(request: HttpRequest, webhook_endpoint_pk: int) -> HttpResponse:
    """An endpoint: its settings, its secret (on demand) and its deliveries, 50 a page."""
    _office(request)
    endpoint = _endpoint(request, webhook_endpoint_pk)
    status = request.GET.get("status", "")
    deliveries = endpoint_deliveries(request.user, endpoint, status=status)
    page = Paginator(deliveries, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "endpoint": endpoint,
        "events": [NoticeKind(kind).label for kind in endpoint.events if kind in NoticeKind.values],
        "page": page,
        "status": status,
        "statuses": DeliveryStatus.choices,
    }
    return render(request, "webhooks/endpoint_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def endpoint_edit(request: HttpRequest, webhook_endpoint_pk: int) -> HttpResponse:
    """Change an endpoint (not an archived one); a stale form is refused, not saved over."""
    _office(request)
    endpoint = _endpoint(request, webhook_endpoint_pk)
    if endpoint.archived_at is not None:
        messages.error(request, _("An archived endpoint cannot be changed."))
        return redirect(endpoint)
    initial = {
        "name": endpoint.name,
        "url": endpoint.url,
        "events": endpoint.events,
        "active": endpoint.active,
        "version": endpoint.version,
    }
    form = EndpointEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.endpoint_update(
                by=signed_in_user(request),
                endpoint=endpoint,
                version=data["version"],
                name=data["name"],
                url=data["url"],
                events=data["events"],
                active=data["active"],
                new_secret_wanted=data["new_secret"],
            )
        except WebhookError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The endpoint is saved."))
            return redirect(endpoint)
    context = {"form": form, "endpoint": endpoint}
    return render(request, "webhooks/endpoint_form.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def endpoint_archive(request: HttpRequest, webhook_endpoint_pk: int) -> HttpResponse:
    """Archive an endpoint: it receives nothing more; it and its deliveries are kept."""
    _office(request)
    endpoint = _endpoint(request, webhook_endpoint_pk)
    services.endpoint_archive(by=signed_in_user(request), endpoint=endpoint)
    messages.success(request, _("The endpoint is archived; it receives nothing more."))
    return redirect(endpoint)


@login_required
@require_POST
def endpoint_ping(request: HttpRequest, webhook_endpoint_pk: int) -> HttpResponse:
    """Queue a test ping to the endpoint; its delivery shows on the page."""
    _office(request)
    endpoint = _endpoint(request, webhook_endpoint_pk)
    try:
        services.endpoint_ping(by=signed_in_user(request), endpoint=endpoint)
    except WebhookError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("A test ping is queued; its delivery is listed below."))
    return redirect(endpoint)


@login_required
@require_POST
def delivery_retry(request: HttpRequest, webhook_delivery_pk: int) -> HttpResponse:
    """Send a failed delivery again, its attempts counted afresh."""
    _office(request)
    delivery = delivery_of(request.user, webhook_delivery_pk)
    if delivery is None:
        raise Http404("no such delivery")
    try:
        services.delivery_retry(by=signed_in_user(request), delivery=delivery)
    except WebhookError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The delivery is queued to be sent again."))
    return redirect(delivery.endpoint)
