"""编号签发 and 销号 cannot be undone: the button opens a page that asks, and only a POST carrying the
confirmation acts; a POST without it (an old form, a replay) shows the question and changes nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from django.test import Client
from django.urls import reverse

from reformtrack.ledger.models import Project, Unit
from reformtrack.supervision.choices import BulletinStatus, OrderStatus

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from .conftest import IssueOrder, MakeBulletin

pytestmark = pytest.mark.django_db


def test_closing_an_order_asks_first(
    issue: IssueOrder, project: Project, own_unit: Unit, client: Client, office_user: User
) -> None:
    order = issue(unit=own_unit, project=project)
    client.force_login(office_user)
    url = reverse("supervision:order_close", args=[order.pk])

    page = client.get(url)
    unconfirmed = client.post(url)
    order.refresh_from_db()
    status_before = order.status
    confirmed = client.post(url, {"confirm": "yes"})
    order.refresh_from_db()

    assert page.status_code == 200 and 'name="confirm" value="yes"' in page.content.decode()
    assert (
        unconfirmed.status_code == 200 and 'data-testid="order-close-confirm"' in unconfirmed.content.decode()
    )
    assert status_before == OrderStatus.ISSUED
    assert confirmed.status_code == 302 and order.status == OrderStatus.CLOSED
    detail = client.get(reverse("supervision:order_detail", args=[order.pk])).content.decode()
    assert f'href="{url}"' not in detail  # closed: no button


def test_the_order_page_links_to_the_question_not_a_form(
    issue: IssueOrder, project: Project, own_unit: Unit, client: Client, office_user: User
) -> None:
    order = issue(unit=own_unit, project=project)
    client.force_login(office_user)

    page = client.get(reverse("supervision:order_detail", args=[order.pk])).content.decode()

    url = reverse("supervision:order_close", args=[order.pk])
    assert f'href="{url}"' in page and f'action="{url}"' not in page


def test_a_closed_order_is_not_asked_again(
    issue: IssueOrder, project: Project, own_unit: Unit, client: Client, office_user: User
) -> None:
    order = issue(unit=own_unit, project=project)
    client.force_login(office_user)
    url = reverse("supervision:order_close", args=[order.pk])
    client.post(url, {"confirm": "yes"})

    assert client.get(url).status_code == 302


def test_issuing_a_bulletin_asks_first(
    make_bulletin: MakeBulletin, client: Client, supervision_user: User
) -> None:
    bulletin = make_bulletin()
    client.force_login(supervision_user)
    url = reverse("supervision:bulletin_issue", args=[bulletin.pk])

    page = client.get(url, {"version": bulletin.version})
    unconfirmed = client.post(url, {"version": bulletin.version})
    bulletin.refresh_from_db()
    status_before, number_before = bulletin.status, bulletin.number
    confirmed = client.post(url, {"version": bulletin.version, "confirm": "yes"})
    bulletin.refresh_from_db()

    assert (
        page.status_code == 200 and f'name="version" value="{bulletin.version - 1}"' in page.content.decode()
    )
    assert (
        unconfirmed.status_code == 200
        and 'data-testid="bulletin-issue-confirm"' in unconfirmed.content.decode()
    )
    assert (status_before, number_before) == (BulletinStatus.DRAFT, "")
    assert confirmed.status_code == 302 and bulletin.status == BulletinStatus.ISSUED and bulletin.number


def test_a_stale_confirmation_does_not_issue(
    make_bulletin: MakeBulletin, client: Client, supervision_user: User
) -> None:
    bulletin = make_bulletin()
    client.force_login(supervision_user)

    client.post(
        reverse("supervision:bulletin_issue", args=[bulletin.pk]),
        {"version": bulletin.version + 5, "confirm": "yes"},
    )

    bulletin.refresh_from_db()
    assert bulletin.status == BulletinStatus.DRAFT
