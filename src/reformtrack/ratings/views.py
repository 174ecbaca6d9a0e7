"""The coordinating office's pages of the ratings: the moderation queue, one rating (publish, hide
with a reason, answer), the settings and the sensitive words. Anyone else: 403."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reformtrack.core.history import records_of
from reformtrack.core.http import signed_in_user

from . import services
from .errors import ModerationError
from .forms import AnswerForm, HideForm, SettingsForm, WordForm
from .models import CommentStatus, Rating, SensitiveWord
from .permissions import can_moderate
from .selectors import moderation_queue

PAGE_SIZE = 50
View = Callable[..., HttpResponse]


def _office(view: View) -> View:
    """Signed in (else the login page) and the coordinating office (else 403)."""

    @login_required
    @wraps(view)
    def gated(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_moderate(signed_in_user(request)):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return gated


@_office
def queue(request: HttpRequest) -> HttpResponse:
    """The comments to moderate (pending by default), filtered, oldest first, 50 a page."""
    user = signed_in_user(request)
    filters = {
        "status": request.GET.get("status", CommentStatus.PENDING),
        "flagged": request.GET.get("flagged", ""),
        "project": request.GET.get("project", ""),
    }
    page = Paginator(moderation_queue(user, **filters), PAGE_SIZE).get_page(request.GET.get("page"))
    statuses = [choice for choice in CommentStatus.choices if choice[0] != CommentStatus.NONE]
    return render(request, "ratings/queue.html", {"page": page, "filters": filters, "statuses": statuses})


def _rating(user: User, pk: int) -> Rating:
    found = Rating.objects.restrict(user, "change").select_related("project").filter(pk=pk).first()
    if found is None:
        raise Http404("no such rating")
    return found


def _detail(request: HttpRequest, rating: Rating, status: int = 200, **forms: Any) -> HttpResponse:
    context = {
        "rating": rating,
        "hide_form": forms.get("hide_form") or HideForm(initial={"reason": rating.hidden_reason}),
        "answer_form": forms.get("answer_form")
        or AnswerForm(initial={"answer": rating.answer, "publish": True}),
        "history": records_of(rating, limit=50),
    }
    return render(request, "ratings/rating.html", context, status=status)


@_office
def rating_detail(request: HttpRequest, rating_pk: int) -> HttpResponse:
    """One rating: the comment, its flags, the moderation forms and the history."""
    return _detail(request, _rating(signed_in_user(request), rating_pk))


@_office
@require_POST
def rating_publish(request: HttpRequest, rating_pk: int) -> HttpResponse:
    user = signed_in_user(request)
    rating = _rating(user, rating_pk)
    try:
        services.comment_publish(by=user, rating=rating)
    except ModerationError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("The comment is published."))
    return redirect("ratings:rating", rating_pk=rating.pk)


@_office
@require_POST
def rating_hide(request: HttpRequest, rating_pk: int) -> HttpResponse:
    user = signed_in_user(request)
    rating = _rating(user, rating_pk)
    form = HideForm(request.POST)
    if not form.is_valid():
        return _detail(request, rating, status=400, hide_form=form)
    try:
        services.comment_hide(by=user, rating=rating, reason=form.cleaned_data["reason"])
    except ModerationError as refused:
        form.add_error(None, str(refused))
        return _detail(request, rating, status=400, hide_form=form)
    messages.success(request, _("The comment is hidden."))
    return redirect("ratings:rating", rating_pk=rating.pk)


@_office
@require_POST
def rating_answer(request: HttpRequest, rating_pk: int) -> HttpResponse:
    user = signed_in_user(request)
    rating = _rating(user, rating_pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _detail(request, rating, status=400, answer_form=form)
    try:
        services.answer_save(
            by=user, rating=rating, answer=form.cleaned_data["answer"], publish=form.cleaned_data["publish"]
        )
    except ModerationError as refused:
        form.add_error(None, str(refused))
        return _detail(request, rating, status=400, answer_form=form)
    messages.success(request, _("The answer is saved."))
    return redirect("ratings:rating", rating_pk=rating.pk)


@_office
def settings_edit(request: HttpRequest) -> HttpResponse:
    """The office's settings: consent notice, retention, phone check, automatic publication."""
    user = signed_in_user(request)
    rules = services.settings_of()
    form = SettingsForm(request.POST or None, instance=rules)
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "ratings/settings.html", {"form": form}, status=400)
        services.settings_update(
            by=user, **{name: form.cleaned_data[name] for name in SettingsForm.Meta.fields}
        )
        messages.success(request, _("The settings are saved."))
        return redirect("ratings:settings")
    return render(request, "ratings/settings.html", {"form": form})


@_office
def word_list(request: HttpRequest) -> HttpResponse:
    """The sensitive words: the list and a form to add one."""
    user = signed_in_user(request)
    form = WordForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.word_add(by=user, word=form.cleaned_data["word"])
            except ModerationError as refused:
                form.add_error("word", str(refused))
            else:
                messages.success(request, _("The word is listed."))
                return redirect("ratings:words")
        status = 400
    words = SensitiveWord.objects.restrict(user, "view").filter(archived_at__isnull=True)
    return render(request, "ratings/words.html", {"form": form, "words": words}, status=status)


@_office
@require_POST
def word_remove(request: HttpRequest, rating_word_pk: int) -> HttpResponse:
    user = signed_in_user(request)
    word = SensitiveWord.objects.restrict(user, "change").filter(pk=rating_word_pk).first()
    if word is None:
        raise Http404("no such word")
    services.word_remove(by=user, word=word)
    messages.success(request, _("The word is taken off the list."))
    return redirect("ratings:words")
