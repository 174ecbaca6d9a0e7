"""Pages of the reminders: my notifications (with mark-as-read), how I hear of events, and the
office's delivery log.

Anonymous users go to the login page; somebody else's notification is 404; the log is the
coordinating office's (403 for everyone else). Plain forms; no JavaScript needed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .choices import DeliveryStatus
from .forms import NoticePreferencesForm
from .notice_services import notice_preferences_save
from .permissions import can_view_delivery_log
from .selectors import delivery_log, notice_preferences_of, notifications_of, webhook_targets
from .services import notification_mark_read, notifications_mark_all_read

if TYPE_CHECKING:
    from django.contrib.auth.models import User

NOTIFICATIONS_PAGE_SIZE = 20
LOG_PAGE_SIZE = 50


def _user(request: HttpRequest) -> User:
    return cast("User", request.user)


@login_required
@require_GET
def notifications(request: HttpRequest) -> HttpResponse:
    """The user's notifications, newest first, unread ones marked."""
    paginator = Paginator(notifications_of(request.user), NOTIFICATIONS_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "reminders/notifications.html",
        {
            "page": page,
            "page_range": paginator.get_elided_page_range(page.number),
            "can_view_log": can_view_delivery_log(request.user),
        },
    )


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponseRedirect:
    """Mark a notification read; with ``open`` go on to what it is about."""
    notification = notifications_of(request.user).filter(pk=pk).first()
    if notification is None:
        raise Http404("no such notification")
    notification_mark_read(notification=notification, by=_user(request))
    if "open" in request.POST and url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None):
        return redirect(notification.url or "reminders:notifications")
    return redirect("reminders:notifications")


@login_required
@require_POST
def notifications_read_all(request: HttpRequest) -> HttpResponseRedirect:
    """Mark all the user's notifications read."""
    notifications_mark_all_read(by=_user(request))
    return redirect("reminders:notifications")


@login_required
@require_GET
def log(request: HttpRequest) -> HttpResponse:
    """Every delivery with its status, attempts and last error; the group robots."""
    if not can_view_delivery_log(request.user):
        raise PermissionDenied
    status = request.GET.get("status", "")
    paginator = Paginator(delivery_log(status=status), LOG_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "reminders/log.html",
        {
            "page": page,
            "page_range": paginator.get_elided_page_range(page.number),
            "status": status,
            "statuses": DeliveryStatus.choices,
            "targets": list(webhook_targets()),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    """How the signed-in person hears of each kind of event; everyone sets their own, nobody else's."""
    user = _user(request)
    current = notice_preferences_of(user)
    form = NoticePreferencesForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        notice_preferences_save(user=user, by=user, choices=form.cleaned_data)
        messages.success(request, _("Your notice settings are saved."))
        return redirect("reminders:preferences")
    return render(request, "reminders/preferences.html", {"form": form})
