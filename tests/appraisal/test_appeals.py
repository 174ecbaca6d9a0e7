"""A unit appeals within the window; the office's decision changes the score with its record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from reformtrack.appraisal.choices import AppealStatus
from reformtrack.appraisal.errors import AppraisalError
from reformtrack.appraisal.models import Adjustment, Run
from reformtrack.appraisal.services import (
    appeal_decide,
    appeal_submit,
    appraisal_close,
    appraisal_compute,
    appraisal_publish,
)

from .conftest import AS_OF, UNIT_A, UNIT_B, Small, by_unit


def _published(small: Small, office: User) -> Run:
    return appraisal_publish(run=appraisal_compute(scheme=small.scheme, by=office, as_of=AS_OF), by=office)


def test_an_upheld_appeal_changes_the_score_with_its_record(
    small: Small, office_user: User, clerk_user: User
) -> None:
    run = _published(small, office_user)
    result = by_unit(run)[UNIT_A]
    appeal = appeal_submit(
        result=result,
        reasons="督办单2号已于9月1日书面答复",
        attachment=SimpleUploadedFile("答复.pdf", b"%PDF-1.4\n%%EOF\n"),
        by=clerk_user,
    )
    assert appeal.attachment_type == "application/pdf"

    appeal_decide(appeal=appeal, upheld=True, points=Decimal(5), reason="经核实，按时答复", by=office_user)

    result.refresh_from_db()
    adjustment = Adjustment.objects.get(appeal=appeal)
    assert (result.adjustment, result.total) == (Decimal(5), Decimal(65))
    assert (adjustment.total_before, adjustment.total_after, adjustment.by) == (
        Decimal(60),
        Decimal(65),
        office_user,
    )
    assert adjustment.history.get().history_user == office_user
    assert [h.total for h in result.history.order_by("history_date")] == [Decimal(60), Decimal(65)]
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.UPHELD


def test_a_rejected_appeal_leaves_the_score(small: Small, office_user: User, clerk_user: User) -> None:
    result = by_unit(_published(small, office_user))[UNIT_A]
    appeal = appeal_submit(result=result, reasons="理由", by=clerk_user)

    appeal_decide(appeal=appeal, upheld=False, points=Decimal(0), reason="材料不足", by=office_user)

    result.refresh_from_db()
    assert result.total == Decimal(60)
    assert not Adjustment.objects.exists()


def test_an_appeal_lifts_a_unit_above_another_in_the_ranking(
    small: Small, office_user: User, make_user: Callable[..., User]
) -> None:
    lead_b = make_user("unit_lead", UNIT_B, username="lead-b")
    result = by_unit(_published(small, office_user))[UNIT_B]
    appeal = appeal_submit(result=result, reasons="P3已完成", by=lead_b)

    appeal_decide(appeal=appeal, upheld=True, points=Decimal(40), reason="核实已完成", by=office_user)

    results = by_unit(Run.objects.get())
    assert (results[UNIT_B].total, results[UNIT_B].rank, results[UNIT_A].rank) == (Decimal(70), 1, 2)


def test_appeals_are_refused_outside_the_window_and_to_others(
    small: Small, office_user: User, clerk_user: User, counit_user: User
) -> None:
    run = appraisal_compute(scheme=small.scheme, by=office_user, as_of=AS_OF)
    result = by_unit(run)[UNIT_A]
    with pytest.raises(Http404):  # not published: the clerk does not see it
        appeal_submit(result=result, reasons="理由", by=clerk_user)
    appraisal_publish(run=run, by=office_user)
    with pytest.raises(PermissionDenied):
        appeal_submit(result=result, reasons="理由", by=office_user)
    Run.objects.update(appeal_until=dt.date(2000, 1, 1))
    result = by_unit(Run.objects.get())[UNIT_A]
    with pytest.raises(PermissionDenied):
        appeal_submit(result=result, reasons="理由", by=clerk_user)


def test_an_attachment_that_is_not_a_kept_kind_is_refused(
    small: Small, office_user: User, clerk_user: User
) -> None:
    result = by_unit(_published(small, office_user))[UNIT_A]

    with pytest.raises(AppraisalError):
        appeal_submit(
            result=result,
            reasons="理由",
            attachment=SimpleUploadedFile("a.pdf", b"MZ\x90\x00"),
            by=clerk_user,
        )


def test_the_appraisal_closes_only_when_every_appeal_is_decided(
    small: Small, office_user: User, clerk_user: User
) -> None:
    run = _published(small, office_user)
    appeal = appeal_submit(result=by_unit(run)[UNIT_A], reasons="理由", by=clerk_user)
    with pytest.raises(AppraisalError):
        appraisal_close(run=run, by=office_user)

    appeal_decide(appeal=appeal, upheld=False, points=Decimal(0), reason="不予采纳", by=office_user)

    assert appraisal_close(run=run, by=office_user).status == "closed"
