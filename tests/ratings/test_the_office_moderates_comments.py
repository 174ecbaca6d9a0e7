"""The office publishes, hides with a reason and answers comments (recorded with history); the public
page shows published comments and published answers only; nobody else may moderate."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from reformtrack.ledger.models import Project
from reformtrack.ratings.errors import ModerationError
from reformtrack.ratings.models import CommentStatus
from reformtrack.ratings.services import answer_save, comment_hide, comment_publish

from .conftest import Submit


def _public_page(client: Client, project: Project) -> str:
    return client.get(reverse("ratings_public:project", args=[project.pk])).content.decode()


def test_a_published_comment_and_its_published_answer_show(
    public_project: Project, submit: Submit, office_user: User, client: Client
) -> None:
    rating = submit(public_project, comment="希望延长办事时间")
    answer_save(by=office_user, rating=rating, answer="已延长至晚八点", publish=False)
    comment_publish(by=office_user, rating=rating)
    page = _public_page(client, public_project)
    assert "希望延长办事时间" in page and "已延长至晚八点" not in page

    answer_save(by=office_user, rating=rating, answer="已延长至晚八点", publish=True)

    assert "已延长至晚八点" in _public_page(client, public_project)
    assert rating.history.latest("history_date").history_user == office_user


def test_a_hidden_comment_needs_a_reason_and_leaves_the_page(
    public_project: Project, submit: Submit, office_user: User, client: Client
) -> None:
    rating = comment_publish(by=office_user, rating=submit(public_project, comment="广告：代办证件"))
    with pytest.raises(ModerationError):
        comment_hide(by=office_user, rating=rating, reason=" ")

    comment_hide(by=office_user, rating=rating, reason="广告")

    rating.refresh_from_db()
    assert (rating.status, rating.hidden_reason) == (CommentStatus.HIDDEN, "广告")
    assert "代办证件" not in _public_page(client, public_project)


def test_only_the_office_moderates(
    public_project: Project, submit: Submit, leader_user: User, clerk_user: User
) -> None:
    rating = submit(public_project, comment="好")
    for user in (leader_user, clerk_user):
        with pytest.raises(PermissionDenied):
            comment_publish(by=user, rating=rating)
        with pytest.raises(PermissionDenied):
            answer_save(by=user, rating=rating, answer="x", publish=True)


def test_the_queue_lists_pending_comments_flagged_first_filterable(
    public_project: Project, submit: Submit, office_user: User, client: Client
) -> None:
    from reformtrack.ratings.services import word_add

    word_add(by=office_user, word="骗子")
    submit(public_project, cookie="a", comment="很好")
    submit(public_project, cookie="b", comment="骗子")
    client.force_login(office_user)

    everything = client.get(reverse("ratings:queue")).content.decode()
    flagged = client.get(reverse("ratings:queue"), {"flagged": "1"}).content.decode()

    assert "很好" in everything and "骗子" in everything
    assert "很好" not in flagged and "骗子" in flagged


def test_the_office_moderates_through_the_pages(
    public_project: Project, submit: Submit, office_user: User, client: Client
) -> None:
    rating = submit(public_project, comment="路灯修好了")
    client.force_login(office_user)

    assert client.post(reverse("ratings:publish", args=[rating.pk])).status_code == 302
    answered = client.post(
        reverse("ratings:answer", args=[rating.pk]), {"answer": "感谢反馈", "publish": "on"}
    )
    assert answered.status_code == 302
    assert client.post(reverse("ratings:hide", args=[rating.pk]), {"reason": ""}).status_code == 400

    rating.refresh_from_db()
    assert (rating.status, rating.answer, rating.answer_published_at is not None) == (
        CommentStatus.PUBLISHED,
        "感谢反馈",
        True,
    )
