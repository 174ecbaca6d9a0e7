"""A citizen rates a public project on its public page; a private one is 404 and cannot be rated."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from reformtrack.ledger.models import Project
from reformtrack.ratings.models import CommentStatus, Rating

from .conftest import Rate


def test_a_citizen_rates_a_public_project_and_is_thanked(
    public_project: Project, client: Client, rate: Rate
) -> None:
    response = rate(public_project, score="5", comment="办事快多了")

    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "感谢您的评价" in page.content.decode()
    rating = Rating.objects.get()
    assert (rating.project, rating.score, rating.comment, rating.status) == (
        public_project,
        5,
        "办事快多了",
        CommentStatus.PENDING,
    )
    assert rating.identity and len(rating.identity) == 64 and rating.ip_hash


def test_a_pending_comment_is_not_shown_but_the_score_counts(
    public_project: Project, client: Client, rate: Rate
) -> None:
    rate(public_project, score="2", comment="还要再快些")

    page = client.get(reverse("ratings_public:project", args=[public_project.pk])).content.decode()

    assert "还要再快些" not in page
    assert "2.00" in page


def test_a_private_project_is_404_and_cannot_be_rated(
    private_project: Project, client: Client, rate: Rate
) -> None:
    assert client.get(reverse("ratings_public:project", args=[private_project.pk])).status_code == 404
    assert client.post(reverse("ratings_public:rate", args=[private_project.pk]), {}).status_code == 404
    assert not Rating.objects.exists()


def test_a_visitor_without_the_cookie_gets_one_with_the_rating(
    public_project: Project, client: Client
) -> None:
    from .conftest import form_data

    response = client.post(reverse("ratings_public:rate", args=[public_project.pk]), form_data())

    assert response.status_code == 302 and "reformtrack_rater" in response.cookies
    second = client.post(reverse("ratings_public:rate", args=[public_project.pk]), form_data())
    assert second.status_code == 409 and Rating.objects.count() == 1


def test_the_raw_address_and_cookie_are_not_stored(
    public_project: Project, client: Client, rate: Rate
) -> None:
    rate(public_project, comment="好")
    token = client.cookies["reformtrack_rater"].value

    row = Rating.objects.values().get()

    assert "127.0.0.1" not in str(row) and token not in str(row)
