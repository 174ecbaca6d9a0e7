"""Writes of the panel's scores and of the public's votes. Re-exported by :mod:`.services`.

No one scores a nomination of their own unit: :func:`score_save` refuses it with
:class:`~.errors.OwnUnitScoring` whatever the path that called it (the scoring page, a test, the
shell), and the scoring list leaves such nominations off.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from reformtrack.core.official_docx import chinese_date
from reformtrack.core.text import multi_line

from .choices import SCORED
from .errors import AwardRefused, OwnUnitScoring, VoteRefused
from .models import AwardCall, Criterion, Nomination, PanelMember, PublicVote, Score
from .permissions import can_view_nomination, is_own_unit

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# The rate guard of the public vote: at most this many votes from one source (an address, hashed)
# in the window below. A household or an office behind one address votes more than once, so the
# limit is not one; a script from one address is slowed to a handful a minute.
VOTES_PER_SOURCE = 20
RATE_WINDOW = dt.timedelta(minutes=10)


@transaction.atomic
def score_save(*, by: User, nomination: Nomination, values: dict[int, tuple[Decimal, str]]) -> list[Score]:
    """The panel member's scores of a nomination, criterion id → (0–100, comment); editable until
    the scoring window closes. Refused: a user not on the call's panel, a nomination of their own
    unit (:class:`OwnUnitScoring`), one not checked eligible, outside the window, a criterion of
    another call, a value outside 0–100."""
    nomination = Nomination.objects.select_related("call").get(pk=nomination.pk)
    call = nomination.call
    member = PanelMember.objects.filter(call=call, user_id=by.pk).first()
    if member is None:
        if not can_view_nomination(by, nomination):
            raise Http404("no such nomination")
        raise PermissionDenied
    if is_own_unit(by, nomination):
        raise OwnUnitScoring(_("You may not score a nomination of your own unit."))
    if nomination.status not in SCORED:
        raise AwardRefused(_("The nomination is %(status)s.") % {"status": nomination.get_status_display()})
    today = timezone.localdate()
    if not call.scoring_opens <= today <= call.scoring_closes or call.announced_on is not None:
        raise AwardRefused(
            _("Scores are given from %(opens)s to %(closes)s.")
            % {"opens": chinese_date(call.scoring_opens), "closes": chinese_date(call.scoring_closes)}
        )
    criteria = {criterion.pk: criterion for criterion in Criterion.objects.filter(call=call)}
    if set(values) - set(criteria):
        raise AwardRefused(_("A criterion of another call."))
    saved = []
    for criterion_id, (value, comment) in values.items():
        if not Decimal(0) <= value <= Decimal(100):
            raise AwardRefused(_("A score is between 0 and 100."))
        score = Score.objects.filter(nomination=nomination, member=member, criterion_id=criterion_id).first()
        score = score or Score(nomination=nomination, member=member, criterion_id=criterion_id)
        score.value, score.comment = value, multi_line(comment)
        score._history_user = by  # type: ignore[attr-defined]
        score.save()
        saved.append(score)
    return saved


def voter_hash(call: AwardCall, key: str) -> str:
    """The stored form of a voter's key (a phone number, an ID): keyed with the site's secret, per
    call, so the table holds no key and the same key hashes differently each year."""
    message = f"{call.pk}:{key.strip()}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


@transaction.atomic
def vote_cast(
    *,
    call: AwardCall,
    nomination: Nomination,
    voter_key: str,
    source: str = "",
    now: dt.datetime | None = None,
) -> PublicVote:
    """One vote of the public (no account: ``by`` is absent by nature). Refused: no public vote on
    the call, outside its window, a nomination not in the running, a key that voted in the call
    already, more than ``VOTES_PER_SOURCE`` from one source in ``RATE_WINDOW``."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    if not call.public_vote or call.vote_opens is None or call.vote_closes is None:
        raise VoteRefused(_("This call has no public vote."))
    if not call.vote_opens <= today <= call.vote_closes or call.announced_on is not None:
        raise VoteRefused(_("The vote is not open."))
    if nomination.call_id != call.pk or nomination.status not in SCORED:
        raise VoteRefused(_("The nomination is not in the running."))
    if not voter_key.strip():
        raise VoteRefused(_("A vote needs the voter's key."))
    source_hash = voter_hash(call, f"source:{source}") if source else ""
    if source_hash:
        recent = PublicVote.objects.filter(source_hash=source_hash, cast_at__gte=now - RATE_WINDOW).count()
        if recent >= VOTES_PER_SOURCE:
            raise VoteRefused(_("Too many votes from one place; try again later."))
    vote = PublicVote(
        call=call, nomination=nomination, voter_hash=voter_hash(call, voter_key), source_hash=source_hash
    )
    try:
        with transaction.atomic():
            vote.save()
    except IntegrityError as exc:
        raise VoteRefused(_("This key has voted in this call already.")) from exc
    if now != vote.cast_at:
        PublicVote.objects.filter(pk=vote.pk).update(cast_at=now)
    return vote
