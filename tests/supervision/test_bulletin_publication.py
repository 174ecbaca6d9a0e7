"""Drafts are for the two offices and the district leader; the offices issue and publish; a
published bulletin is for every role, units included (not for a user without one)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from reformtrack.supervision.errors import SupervisionError
from reformtrack.supervision.services import bulletin_issue, bulletin_publish

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from reformtrack.ledger.models import Project

    from .conftest import MakeBulletin

pytestmark = pytest.mark.django_db


def test_a_draft_is_hidden_from_units_until_published(
    project: Project,
    make_bulletin: MakeBulletin,
    client: Client,
    clerk_user: User,
    leader_user: User,
    supervision_user: User,
) -> None:
    bulletin = make_bulletin()
    detail = reverse("supervision:bulletin_detail", args=[bulletin.pk])
    client.force_login(clerk_user)
    assert client.get(detail).status_code == 404

    client.force_login(leader_user)
    assert client.get(detail).status_code == 200

    bulletin_issue(by=supervision_user, bulletin=bulletin, version=bulletin.version)
    client.force_login(clerk_user)
    assert client.get(detail).status_code == 404  # issued is not yet published
    bulletin_publish(by=supervision_user, bulletin=bulletin)

    page = client.get(detail).content.decode()
    assert bulletin.number in page
    assert "四、逾期未完成事项" in page  # numbered as it prints
    assert bulletin.number in client.get(reverse("supervision:bulletin_list")).content.decode()
    assert client.get(reverse("supervision:bulletin_docx", args=[bulletin.pk])).status_code == 200


def test_only_the_offices_issue_and_publish(
    project: Project, make_bulletin: MakeBulletin, leader_user: User, clerk_user: User, office_user: User
) -> None:
    bulletin = make_bulletin()
    for user in (leader_user, clerk_user):
        with pytest.raises(PermissionDenied):
            bulletin_issue(by=user, bulletin=bulletin, version=bulletin.version)
    with pytest.raises(SupervisionError):  # a draft is issued before it is published
        bulletin_publish(by=office_user, bulletin=bulletin)

    bulletin_issue(by=office_user, bulletin=bulletin, version=bulletin.version)
    with pytest.raises(PermissionDenied):
        bulletin_publish(by=leader_user, bulletin=bulletin)
    published = bulletin_publish(by=office_user, bulletin=bulletin)

    assert (published.status, published.published_by) == ("published", office_user)
    reasons = list(published.history.order_by("history_id").values_list("history_change_reason", flat=True))
    assert reasons[-2:] == ["issued", "published"]


def test_the_issue_button_gives_the_number(
    project: Project, make_bulletin: MakeBulletin, client: Client, supervision_user: User
) -> None:
    bulletin = make_bulletin()
    client.force_login(supervision_user)

    response = client.post(
        reverse("supervision:bulletin_issue", args=[bulletin.pk]),
        {"version": bulletin.version, "confirm": "yes"},
        follow=True,
    )

    bulletin.refresh_from_db()
    assert bulletin.status == "issued" and bulletin.number in response.content.decode()
    assert "bulletin-edit" not in response.content.decode()


def test_it_shows_no_bulletin_to_a_user_without_a_role(
    make_bulletin: MakeBulletin, client: Client, supervision_user: User, make_user: Any
) -> None:
    bulletin = make_bulletin()
    bulletin_issue(by=supervision_user, bulletin=bulletin, version=bulletin.version)
    bulletin_publish(by=supervision_user, bulletin=bulletin)
    client.force_login(make_user(None, username="nobody"))  # signed in, but no profile: no role

    assert client.get(reverse("supervision:bulletin_detail", args=[bulletin.pk])).status_code == 404
    assert client.get(reverse("supervision:bulletin_docx", args=[bulletin.pk])).status_code == 404
    assert bulletin.number not in client.get(reverse("supervision:bulletin_list")).content.decode()
