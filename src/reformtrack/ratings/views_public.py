"""The public pages of the ratings: a project's rating panel on its own page, the rating's post and
the phone code's post. Anonymous; a project that is not public answers 404 (never revealing it)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reformtrack.accounts.lockout import client_address
from reformtrack.ledger.models import Project
from reformtrack.ledger.selectors_public import public_projects

from . import services
from .errors import RateLimited, RatingRefused
from .forms import PhoneForm, RatingForm

COOKIE = "reformtrack_rater"
_COOKIE_SALT = "reformtrack.ratings.cookie"
_YEAR = 365 * 24 * 3600


def _public_project(pk: int) -> Project:
    project = public_projects().select_related("plan").filter(pk=pk).first()
    if project is None:
        raise Http404("no such public project")
    return project


def _client(request: HttpRequest) -> str:
    """The client's key: its address as the login lockout reads it (X-Forwarded-For believed only
    from TRUSTED_PROXIES), hashed."""
    return services.client_key(client_address(request) or "")


def _cookie_token(request: HttpRequest) -> str | None:
    token = request.get_signed_cookie(COOKIE, default=None, salt=_COOKIE_SALT)
    return token if isinstance(token, str) and token else None


def _remember(request: HttpRequest, response: HttpResponse, token: str | None = None) -> HttpResponse:
    """Give a new visitor the signed cookie whose token is their key when no phone check applies."""
    if _cookie_token(request) is None:
        response.set_signed_cookie(
            COOKIE,
            token or services.new_client_token(),
            salt=_COOKIE_SALT,
            max_age=_YEAR,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


def _page(
    request: HttpRequest, project: Project, form: RatingForm | None = None, status: int = 200
) -> HttpResponse:
    return render(
        request, "ratings/public_project.html", {"project": project, "rating_form": form}, status=status
    )


def _too_many(refused: RateLimited) -> HttpResponse:
    """A flood's answer: one line, no page to render (it would cost more than the post)."""
    return HttpResponse(
        str(refused),
        status=429,
        content_type="text/plain; charset=utf-8",
        headers={"Retry-After": str(settings.RATINGS_RATE_WINDOW)},
    )


def project_page(request: HttpRequest, rating_project_pk: int) -> HttpResponse:
    """A public project's satisfaction, published comments and answers, and the rating form."""
    return _remember(request, _page(request, _public_project(rating_project_pk)))


@require_POST
def rate(request: HttpRequest, rating_project_pk: int) -> HttpResponse:
    """Take a citizen's rating through every abuse limit (services.rating_submit)."""
    project = _public_project(rating_project_pk)
    # a visitor who rates from the portal's page may come without the cookie: it is given now
    token = _cookie_token(request) or services.new_client_token()
    form = RatingForm(request.POST)
    if not form.is_valid():
        return _remember(request, _page(request, project, form, status=400), token)
    data = form.cleaned_data
    try:
        services.rating_submit(
            project=project,
            score=data["score"],
            comment=data["comment"],
            consent=data["consent"],
            honeypot=data["website"],
            challenge_token=data["challenge_token"],
            challenge_answer=data["challenge_answer"],
            client=_client(request),
            cookie_token=token,
            phone=data["phone"],
            phone_code=data["code"],
        )
    except RateLimited as refused:
        return _too_many(refused)
    except RatingRefused as refused:
        form.add_error(None, str(refused))
        return _remember(request, _page(request, project, form, status=refused.status), token)
    messages.success(request, _("Thank you: your rating has been recorded."))
    return _remember(request, redirect("ratings_public:project", rating_project_pk=project.pk), token)


@require_POST
def code_send(request: HttpRequest, rating_project_pk: int) -> HttpResponse:
    """Send a verification code to the phone typed in the rating form (only where the office checks
    phones and the site has an SMS gateway; 404 elsewhere)."""
    project = _public_project(rating_project_pk)
    if not services.phone_check_active():
        raise Http404("phone verification is off")
    form = PhoneForm(request.POST)
    if not form.is_valid():
        return _page(request, project, status=400)
    try:
        services.phone_code_send(phone=form.cleaned_data["phone"], client=_client(request))
    except RateLimited as refused:
        return _too_many(refused)
    except RatingRefused as refused:
        messages.error(request, str(refused))
        return _page(request, project, status=refused.status)
    messages.success(request, _("A code has been sent to your phone; it is valid for 10 minutes."))
    return redirect("ratings_public:project", rating_project_pk=project.pk)
