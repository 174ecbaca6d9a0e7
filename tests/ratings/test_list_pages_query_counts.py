"""The moderation queue costs the same queries for 3 comments as for 30, and the public panel the
same for none published as for 30 published with their answers."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reformtrack.ledger.models import Project
from reformtrack.ratings.models import CommentStatus, Rating

from .conftest import Submit


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_queue_and_the_panel_do_not_grow_with_the_comments(
    public_project: Project, submit: Submit, office_user: User, client: Client
) -> None:
    queue = reverse("ratings:queue")
    panel = reverse("ratings_public:project", args=[public_project.pk])
    for number in range(3):
        submit(public_project, cookie=str(number), comment=f"意见{number}", client=str(number))
    Rating.objects.update(status=CommentStatus.PENDING, answer="答复", answered_by=office_user)
    client.force_login(office_user)
    few = (_queries(client, queue), _queries(client, panel))

    for number in range(3, 30):
        submit(public_project, cookie=str(number), comment=f"意见{number}", client=str(number))
    Rating.objects.update(status=CommentStatus.PENDING)
    many_queue = _queries(client, queue)
    Rating.objects.update(status=CommentStatus.PUBLISHED)
    published = _queries(client, panel)

    assert many_queue == few[0]
    assert published == few[1]  # 30 published comments with answers read in the one query
