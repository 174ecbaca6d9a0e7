"""Writes of a revised document's draft: apply the accepted changes, as one amendment of the plan
it revises, and remove the draft; one transaction (see :mod:`reformtrack.ledger.services_revision`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from reformtrack.ledger.models import Plan
from reformtrack.ledger.services_revision import revision_apply

from .errors import DraftError
from .selectors_revision import revision_parsed
from .services import _check_owner, _locked

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from reformtrack.ledger.models_amend import Amendment

    from .models import ImportDraft


def draft_revision_apply(
    *,
    draft: ImportDraft,
    by: User,
    accepted: Collection[str],
    shown: Collection[str],
    title: str,
    reason: str,
    decided_on: dt.date,
    decided_by: str = "",
    doc_number: str = "",
) -> Amendment:
    """Apply the ``accepted`` changes of the draft's difference to the plan it revises, then delete
    the draft. ``shown``: the keys of the difference the office decided on; if the difference is not
    that any more, :class:`~reformtrack.ledger.errors.AmendmentRefused` and nothing is stored."""
    _check_owner(draft, by)
    with transaction.atomic():
        locked = _locked(draft)
        if locked.revises_id is None:
            raise DraftError(_("this draft is a new plan, not a revised document; import it instead"))
        amendment = revision_apply(
            plan=Plan.objects.get(pk=locked.revises_id),
            changes_accepted=accepted,
            parsed=revision_parsed(locked),
            by=by,
            title=title,
            reason=reason,
            decided_on=decided_on,
            decided_by=decided_by,
            doc_number=doc_number,
            expected_keys=shown,
        )
        locked.delete()
    return amendment
