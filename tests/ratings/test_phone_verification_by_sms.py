"""Where the office requires it and the site has an SMS gateway, a rating needs the code sent to the
citizen's phone; the person is then the phone's key (one rating per phone), and the phone itself is
stored nowhere. The gateway is the in-memory sender of ratings/sms.py."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from reformtrack.ledger.models import Project
from reformtrack.ratings import sms
from reformtrack.ratings.errors import AlreadyRated, RatingRefused
from reformtrack.ratings.models import Rating
from reformtrack.ratings.services import identity_of, phone_code_send, settings_of

from .conftest import Rate, Submit

PHONE = "13800138000"


@pytest.fixture
def gateway(db: None, settings: Any) -> list[tuple[str, str]]:
    settings.RATINGS_SMS_SENDER = "reformtrack.ratings.sms.LocmemSender"
    rules = settings_of()
    rules.phone_required, rules.sms_signature = True, "罗湖改革办"
    rules.save()
    sms.outbox.clear()
    return sms.outbox


def _code() -> str:
    found = re.search(r"\d{6}", sms.outbox[-1][1])
    assert found is not None
    return found.group()


def test_a_rating_with_the_sent_code_counts_once_per_phone(
    public_project: Project, submit: Submit, gateway: list[tuple[str, str]]
) -> None:
    phone_code_send(phone=PHONE, client="c")
    assert gateway[0][0] == PHONE and gateway[0][1].startswith("【罗湖改革办】")

    rating = submit(public_project, cookie="a", phone=PHONE, phone_code=_code())

    assert rating.verified_by_phone and rating.identity == identity_of("phone", PHONE)
    assert PHONE not in str(Rating.objects.values().get())
    with pytest.raises(RatingRefused):  # the code was spent
        submit(public_project, cookie="b", phone=PHONE, phone_code=_code())


def test_a_second_code_for_the_same_phone_still_counts_once(
    public_project: Project, submit: Submit, gateway: list[tuple[str, str]]
) -> None:
    from freezegun import freeze_time

    with freeze_time("2026-03-02 10:00:00"):
        phone_code_send(phone=PHONE, client="c")
        submit(public_project, cookie="a", phone=PHONE, phone_code=_code())
    with freeze_time("2026-03-02 10:05:00"):
        phone_code_send(phone=PHONE, client="c")
        with pytest.raises(AlreadyRated):
            submit(public_project, cookie="another browser", phone=PHONE, phone_code=_code())


def test_a_wrong_code_and_no_code_are_refused(
    public_project: Project, submit: Submit, gateway: list[tuple[str, str]]
) -> None:
    phone_code_send(phone=PHONE, client="c")
    wrong = "000000" if _code() != "000000" else "111111"
    for code in (wrong, ""):
        with pytest.raises(RatingRefused):
            submit(public_project, phone=PHONE, phone_code=code)

    assert not Rating.objects.exists()


def test_one_code_a_minute_per_phone_and_only_mobile_numbers(gateway: list[tuple[str, str]]) -> None:
    phone_code_send(phone=PHONE, client="c")
    with pytest.raises(RatingRefused):
        phone_code_send(phone=PHONE, client="c")
    with pytest.raises(RatingRefused):
        phone_code_send(phone="12345", client="c")

    assert len(gateway) == 1


def test_the_page_sends_a_code_and_rates_with_it(
    public_project: Project, client: Client, rate: Rate, gateway: list[tuple[str, str]]
) -> None:
    page = client.get(reverse("ratings_public:project", args=[public_project.pk])).content.decode()
    assert 'name="phone"' in page

    sent = client.post(reverse("ratings_public:code", args=[public_project.pk]), {"phone": PHONE})
    assert sent.status_code == 302 and len(gateway) == 1

    assert rate(public_project, phone=PHONE, code=_code()).status_code == 302
    assert Rating.objects.get().verified_by_phone


def test_without_a_gateway_the_cookie_is_the_person(
    public_project: Project, client: Client, submit: Submit
) -> None:
    rules = settings_of()
    rules.phone_required = True
    rules.save()  # required, but the site has no SMS gateway: the cookie applies

    assert not submit(public_project).verified_by_phone
    assert (
        client.post(reverse("ratings_public:code", args=[public_project.pk]), {"phone": PHONE}).status_code
        == 404
    )
    with pytest.raises(RatingRefused):
        submit(public_project, cookie_token=None)
