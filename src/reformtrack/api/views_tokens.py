"""The coordinating office's pages of API tokens under /api/tokens/: the list, a new token (its key
shown once, on the answer to the form, never stored), revocation. Others get 403."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from reformtrack.accounts.permissions import can_manage_programme
from reformtrack.core.http import signed_in_user

from .forms import TokenForm
from .models import ApiToken, ApiWriteLog
from .services import TokenError, token_create, token_revoke


def _office(request: HttpRequest) -> None:
    if not can_manage_programme(signed_in_user(request)):
        raise PermissionDenied


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    """Every token with its state and last use, and the latest writes through the API."""
    _office(request)
    tokens = ApiToken.objects.select_related("owner", "created_by", "revoked_by").order_by("-created_at")
    writes = ApiWriteLog.objects.select_related("token", "user").order_by("-at", "-id")[:50]
    return render(request, "api/token_list.html", {"tokens": tokens, "writes": writes})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def token_new(request: HttpRequest) -> HttpResponse:
    """The form; on success the same page shows the key, once (never cached)."""
    _office(request)
    form = TokenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            token, key = token_create(by=signed_in_user(request), **form.cleaned_data)
        except TokenError as exc:
            form.add_error(None, str(exc))
        else:
            return render(request, "api/token_key.html", {"token": token, "key": key})
    status = 400 if form.errors else 200
    return render(request, "api/token_form.html", {"form": form}, status=status)


@login_required
@require_POST
def token_revoke_view(request: HttpRequest, token_pk: int) -> HttpResponse:
    """Revoke a token: it stops working with the next request."""
    _office(request)
    token = get_object_or_404(ApiToken, pk=token_pk)
    token_revoke(by=signed_in_user(request), token=token)
    messages.success(request, _("The token %(name)s is revoked.") % {"name": token.name})
    return redirect("api:token_list")
