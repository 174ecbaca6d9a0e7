"""The innovation award's public vote (公众投票): anonymous, on the public portal's frame. A call's
vote page answers 404 unless its vote is open today; the vote itself goes through
services_scores.vote_cast, which keeps one vote per browser key and call and slows a flood from one
address. The browser key is a random token in a signed cookie, kept by the service only as a hash."""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from reformtrack.accounts.lockout import client_address

from .errors import VoteRefused
from .forms_public import VoteForm
from .selectors import open_vote, vote_candidates
from .services_scores import vote_cast

COOKIE = "reformtrack_voter"
_COOKIE_SALT = "reformtrack.award.voter"
_YEAR = 365 * 24 * 3600


@require_http_methods(["GET", "POST"])
def vote(request: HttpRequest, vote_call_pk: int) -> HttpResponse:
    """The open call's nominations in the running and the vote form; a vote taken says thank you."""
    call = open_vote(vote_call_pk)
    if call is None:
        raise Http404("no open vote")
    candidates = vote_candidates(call)
    token = request.get_signed_cookie(COOKIE, default=None, salt=_COOKIE_SALT) or secrets.token_urlsafe(24)
    form = VoteForm(request.POST if request.method == "POST" else None, candidates=candidates)
    status = 200
    if form.is_bound:
        status = 400
        if form.is_valid():
            chosen = next(n for n in candidates if n.pk == form.cleaned_data["nomination"])
            try:
                vote_cast(call=call, nomination=chosen, voter_key=token, source=client_address(request) or "")
            except VoteRefused as refused:
                form.add_error(None, str(refused))
                status = 409
            else:
                messages.success(request, _("Thank you: your vote has been counted."))
                response = redirect("award_public:vote", vote_call_pk=call.pk)
                return _remember(response, token, request)
    context = {"call": call, "candidates": candidates, "form": form}
    return _remember(render(request, "award/public_vote.html", context, status=status), token, request)


def _remember(response: HttpResponse, token: str, request: HttpRequest) -> HttpResponse:
    response.set_signed_cookie(
        COOKIE,
        token,
        salt=_COOKIE_SALT,
        max_age=_YEAR,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response
