"""Writes of the ratings app, and the abuse limits every rating passes through.

A citizen's rating (:func:`rating_submit`) is checked in this order, each step refusing with a
:class:`~.errors.RatingRefused` whose message is the citizen's: the rate limit of the client (a fixed
window counted atomically in Django's cache with ``add``/``incr``), the honeypot field, the project
being public, the consent box, the challenge (:mod:`.challenge`), the person (a code sent to their
phone when the office requires it and the site has an SMS gateway, else the signed cookie's token),
then the write, which the unique constraint on (project, period, identity) keeps to one per person:
a second one is refused as :class:`~.errors.AlreadyRated`, even when two posts race.

A comment with a sensitive word waits for moderation, flagged; without one it waits too unless the
office has chosen to publish clean comments at once. Moderation (publish, hide with a reason, answer)
is the office's, recorded with history. Personal keys are erased after the retention period by
:func:`personal_data_purge` (``reformtrack ratings_purge``); scores stay.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from reformtrack.core.text import multi_line, single_line
from reformtrack.ledger.models import Project
from reformtrack.ledger.selectors_public import is_public

from . import sms
from .challenge import challenge_check
from .errors import AlreadyRated, ModerationError, RateLimited, RatingRefused
from .models import CommentStatus, Rating, RatingSettings, SensitiveWord
from .permissions import can_moderate

if TYPE_CHECKING:
    from django.contrib.auth.models import User

__all__ = [
    "answer_save",
    "client_key",
    "comment_hide",
    "comment_publish",
    "identity_of",
    "new_client_token",
    "personal_data_purge",
    "phone_check_active",
    "phone_code_send",
    "rate_limit_take",
    "rating_submit",
    "settings_of",
    "settings_update",
    "word_add",
    "word_remove",
]

COMMENT_LENGTH = 1000
PHONE = re.compile(r"1[3-9]\d{9}")
CODE_SECONDS = 10 * 60


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _key(kind: str, value: str) -> str:
    """A keyed hash (HMAC-SHA256 with the site's secret): the same person or client gives the same
    key, and the key gives back neither the phone nor the address."""
    return salted_hmac(f"reformtrack.ratings.{kind}", value, algorithm="sha256").hexdigest()


def identity_of(kind: str, value: str) -> str:
    """The identity key of a verified phone (``kind="phone"``) or a cookie's token (``"cookie"``)."""
    return _key("identity", f"{kind}:{value}")


def client_key(address: str) -> str:
    """The key of a client's address, for the rate limit and the rating's ``ip_hash``."""
    return _key("client", address)


def new_client_token() -> str:
    """The random token of a new visitor's signed cookie."""
    return secrets.token_urlsafe(24)


def rate_limit_take(client: str, *, scope: str = "post") -> None:
    """Count one post of ``client`` in the current fixed window; refuse past the limit.

    ``cache.add`` creates the window's counter only if absent and ``cache.incr`` is atomic in every
    backend Django ships, so concurrent posts each get their own number and none slips through.
    """
    limit = int(settings.RATINGS_RATE_LIMIT)
    window = int(settings.RATINGS_RATE_WINDOW)
    key = f"ratings:rate:{scope}:{client}:{int(timezone.now().timestamp()) // window}"
    cache.add(key, 0, timeout=window + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: this post opens the window again
        cache.add(key, 1, timeout=window + 1)
        count = 1
    if count > limit:
        raise RateLimited(_("Too many ratings from your connection. Please try again in a minute."))


def settings_of() -> RatingSettings:
    """The office's settings (made with their defaults on first use)."""
    found = RatingSettings.objects.order_by("pk").first()
    return found if found is not None else RatingSettings.objects.create()


def phone_check_active(rules: RatingSettings | None = None) -> bool:
    """Phone verification applies: the office requires it and the site has an SMS gateway."""
    return (rules or settings_of()).phone_required and sms.sender() is not None


def _code_key(phone: str) -> str:
    return f"ratings:code:{_key('phone', phone)}"


def phone_code_send(*, phone: str, client: str) -> None:
    """Send a six-digit code to ``phone``; the cache keeps its hash for ten minutes (never the phone).

    One code a minute per phone, and the client's rate limit, so the form cannot flood a phone."""
    rate_limit_take(client, scope="code")
    phone = single_line(phone).replace(" ", "")
    gateway = sms.sender()
    if gateway is None or not settings_of().phone_required:
        raise RatingRefused(_("Phone verification is not in use."))
    if not PHONE.fullmatch(phone):
        raise RatingRefused(_("Enter an 11-digit mobile number."))
    if not cache.add(f"ratings:code-sent:{_key('phone', phone)}", 1, timeout=60):
        raise RateLimited(_("A code was sent to this number less than a minute ago."))
    code = f"{secrets.randbelow(1_000_000):06d}"
    cache.set(_code_key(phone), _key("code", f"{phone}:{code}"), timeout=CODE_SECONDS)
    signature = settings_of().sms_signature
    gateway.send(
        phone,
        _("%(signature)sYour verification code is %(code)s, valid for 10 minutes.")
        % {"signature": f"【{signature}】" if signature else "", "code": code},
    )


def _phone_identity(phone: str, code: str) -> str:
    phone = single_line(phone).replace(" ", "")
    kept = cache.get(_code_key(phone)) if PHONE.fullmatch(phone) else None
    if kept is None or not constant_time_compare(kept, _key("code", f"{phone}:{code.strip()}")):
        raise RatingRefused(_("The verification code is wrong or has expired."))
    cache.delete(_code_key(phone))
    return identity_of("phone", phone)


def sensitive_words_in(text: str) -> list[str]:
    """The office's listed words found in ``text`` (case-insensitive), in the list's order."""
    lowered = text.casefold()
    words = SensitiveWord.objects.filter(archived_at__isnull=True).values_list("word", flat=True)
    return [word for word in words if word.casefold() in lowered]


@transaction.atomic
def rating_submit(
    *,
    project: Project,
    score: int,
    comment: str,
    consent: bool,
    honeypot: str,
    challenge_token: str,
    challenge_answer: str,
    client: str,
    cookie_token: str | None,
    phone: str = "",
    phone_code: str = "",
) -> Rating:
    """Record a citizen's rating after every abuse check (see the module's docstring)."""
    rate_limit_take(client)
    if honeypot:
        raise RatingRefused(_("Your rating could not be accepted."))
    if not is_public(project):
        raise RatingRefused(_("This project is not open for rating."))
    if not consent:
        raise RatingRefused(_("Please agree to the notice on personal information first."))
    if not challenge_check(challenge_token, challenge_answer):
        raise RatingRefused(
            _("The answer to the question is wrong, or the question has expired; try the new one.")
        )
    if not 1 <= score <= 5:
        raise RatingRefused(_("Choose a score from 1 to 5."))
    rules = settings_of()
    if phone_check_active(rules):
        identity, by_phone = _phone_identity(phone, phone_code), True
    elif cookie_token:
        identity, by_phone = identity_of("cookie", cookie_token), False
    else:
        raise RatingRefused(_("Your browser must accept cookies to rate a project."))
    text = multi_line(comment)[:COMMENT_LENGTH]
    found = sensitive_words_in(text) if text else []
    status = CommentStatus.NONE
    if text:
        status = CommentStatus.PUBLISHED if rules.auto_publish and not found else CommentStatus.PENDING
    now = timezone.now()
    try:
        with transaction.atomic():  # a savepoint: a duplicate leaves the outer transaction usable
            return Rating.objects.create(
                project=project,
                period=timezone.localdate(now).year,
                score=score,
                comment=text,
                identity=identity,
                verified_by_phone=by_phone,
                ip_hash=client,
                consented_at=now,
                status=status,
                flagged_words="、".join(found)[:200],
            )
    except IntegrityError:
        raise AlreadyRated(
            _("You have rated this project this year already; a rating cannot be given twice.")
        ) from None


def _saved_by(rating: Rating, by: User) -> Rating:
    rating._history_user = by  # type: ignore[attr-defined]
    rating.save()
    return rating


@transaction.atomic
def comment_publish(*, by: User, rating: Rating) -> Rating:
    """Publish a pending or hidden comment."""
    _require(can_moderate(by))
    if rating.status == CommentStatus.NONE:
        raise ModerationError(_("This rating has no comment."))
    rating.status, rating.hidden_reason = CommentStatus.PUBLISHED, ""
    rating.moderated_by, rating.moderated_at = by, timezone.now()
    return _saved_by(rating, by)


@transaction.atomic
def comment_hide(*, by: User, rating: Rating, reason: str) -> Rating:
    """Hide a comment from the public with the reason (kept, never deleted)."""
    _require(can_moderate(by))
    reason = single_line(reason)[:200]
    if not reason:
        raise ModerationError(_("Give the reason for hiding the comment."))
    if rating.status == CommentStatus.NONE:
        raise ModerationError(_("This rating has no comment."))
    rating.status, rating.hidden_reason = CommentStatus.HIDDEN, reason
    rating.moderated_by, rating.moderated_at = by, timezone.now()
    return _saved_by(rating, by)


@transaction.atomic
def answer_save(*, by: User, rating: Rating, answer: str, publish: bool) -> Rating:
    """The office's answer to a comment; published (shown under a published comment) or kept back."""
    _require(can_moderate(by))
    text = multi_line(answer)
    if not text:
        raise ModerationError(_("Write the answer."))
    if rating.status == CommentStatus.NONE:
        raise ModerationError(_("This rating has no comment."))
    rating.answer, rating.answered_by = text, by
    rating.answer_published_at = timezone.now() if publish else None
    return _saved_by(rating, by)


@transaction.atomic
def settings_update(
    *,
    by: User,
    consent_text: str,
    retention_days: int,
    phone_required: bool,
    sms_signature: str,
    auto_publish: bool,
) -> RatingSettings:
    """Save the office's settings, with history."""
    _require(can_moderate(by))
    rules = settings_of()
    rules.consent_text = multi_line(consent_text)
    rules.retention_days = retention_days
    rules.phone_required = phone_required
    rules.sms_signature = single_line(sms_signature)[:20]
    rules.auto_publish = auto_publish
    rules.version += 1
    rules._history_user = by  # type: ignore[attr-defined]
    rules.save()
    return rules


@transaction.atomic
def word_add(*, by: User, word: str) -> SensitiveWord:
    """List a sensitive word (a removed one comes back)."""
    _require(can_moderate(by))
    text = single_line(word)[:50]
    if not text:
        raise ModerationError(_("Enter a word."))
    found = SensitiveWord.objects.filter(word=text).first() or SensitiveWord(word=text, added_by=by)
    found.archived_at = None
    found._history_user = by  # type: ignore[attr-defined]
    found.save()
    return found


@transaction.atomic
def word_remove(*, by: User, word: SensitiveWord) -> SensitiveWord:
    """Take a word off the list (kept with its history, archived)."""
    _require(can_moderate(by))
    word.archived_at = timezone.now()
    word._history_user = by  # type: ignore[attr-defined]
    word.save()
    return word


@transaction.atomic
def personal_data_purge(*, now: dt.datetime | None = None) -> int:
    """Erase the identity and address keys of the ratings older than the retention period; the
    score, the period and the comment stay. Returns how many ratings were erased."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=settings_of().retention_days)
    due = Rating.objects.filter(created_at__lt=cutoff, erased_at__isnull=True)
    pks = list(due.values_list("pk", flat=True))
    Rating.objects.filter(pk__in=pks).update(identity=None, ip_hash="", erased_at=now)
    Rating.history.bulk_history_create(
        list(Rating.objects.filter(pk__in=pks)), default_change_reason="retention period"
    )
    return len(pks)
