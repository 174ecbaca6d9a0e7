"""1,000 rating posts from one client in one minute: held to the limit, none counted twice."""

from __future__ import annotations

from django.core import signing
from django.test import Client
from django.urls import reverse
from freezegun import freeze_time

from reformtrack.ledger.models import Project
from reformtrack.ratings.models import Rating
from reformtrack.ratings.views_public import _COOKIE_SALT, COOKIE

from .conftest import form_data

POSTS = 1000
LIMIT = 10


def _as_new_visitor(client: Client, number: int) -> None:
    """A flood that drops its cookie every time: each post comes as a new person."""
    signer = signing.get_cookie_signer(salt=COOKIE + _COOKIE_SALT)
    client.cookies[COOKIE] = signer.sign(f"visitor-{number}")


@freeze_time("2026-03-02 10:00:00")
def test_a_thousand_posts_of_new_visitors_from_one_address_count_only_the_limit(
    public_project: Project, client: Client, settings: object
) -> None:
    url = reverse("ratings_public:rate", args=[public_project.pk])
    answers = []
    for number in range(POSTS):
        _as_new_visitor(client, number)
        answers.append(client.post(url, form_data(comment=f"第{number}条")).status_code)

    assert answers.count(302) == LIMIT
    assert answers.count(429) == POSTS - LIMIT
    assert Rating.objects.count() == LIMIT


@freeze_time("2026-03-02 10:00:00")
def test_a_thousand_posts_of_one_visitor_count_once(public_project: Project, client: Client) -> None:
    url = reverse("ratings_public:rate", args=[public_project.pk])
    _as_new_visitor(client, 1)
    answers = [client.post(url, form_data(score="5")).status_code for _ in range(POSTS)]

    assert answers.count(302) == 1
    assert answers.count(409) == LIMIT - 1
    assert answers.count(429) == POSTS - LIMIT
    assert Rating.objects.count() == 1


def test_the_next_window_opens_again(public_project: Project, client: Client) -> None:
    url = reverse("ratings_public:rate", args=[public_project.pk])
    with freeze_time("2026-03-02 10:00:00"):
        for number in range(LIMIT + 1):
            _as_new_visitor(client, number)
            last = client.post(url, form_data()).status_code
        assert last == 429
    with freeze_time("2026-03-02 10:01:00"):
        _as_new_visitor(client, 99)
        assert client.post(url, form_data()).status_code == 302
    assert Rating.objects.count() == LIMIT + 1
