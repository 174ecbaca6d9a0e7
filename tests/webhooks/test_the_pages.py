"""The office's pages: list, create, edit, ping, archive, a delivery sent again; everyone else is
refused; the lists cost the same queries for few and many rows."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reformtrack.webhooks.choices import PING
from reformtrack.webhooks.models import Delivery, Endpoint
from reformtrack.webhooks.sending import deliveries_run
from reformtrack.webhooks.services import delivery_key, endpoint_create

from .receiver import Receiver

pytestmark = pytest.mark.django_db


def test_the_office_creates_an_endpoint_and_sees_its_secret(
    client: Client, office_user: User, receiver: Receiver
) -> None:
    client.force_login(office_user)

    response = client.post(
        reverse("webhooks:endpoint_create"),
        {
            "name": "城市运行管理平台",
            "url": receiver.url,
            "events": ["report_submitted", "order_issued"],
            "active": "on",
        },
    )

    endpoint = Endpoint.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("webhooks:endpoint_detail", args=[endpoint.pk])
    assert endpoint.events == ["report_submitted", "order_issued"]
    assert endpoint.created_by == office_user
    assert len(endpoint.secret) >= 40
    page = client.get(response["Location"]).content.decode()
    assert endpoint.secret in page
    assert "城市运行管理平台" in client.get(reverse("webhooks:endpoint_list")).content.decode()


def test_a_bad_url_is_refused_with_its_error(client: Client, office_user: User) -> None:
    client.force_login(office_user)

    response = client.post(
        reverse("webhooks:endpoint_create"),
        {"name": "x", "url": "ftp://example.org/", "events": ["report_submitted"]},
    )

    assert response.status_code == 400
    assert not Endpoint.objects.exists()


def test_the_office_edits_an_endpoint_and_a_stale_form_is_refused(
    client: Client, office_user: User, receiver: Receiver
) -> None:
    endpoint = endpoint_create(by=office_user, name="甲", url=receiver.url, events=["report_submitted"])
    old_secret = endpoint.secret
    client.force_login(office_user)
    url = reverse("webhooks:endpoint_edit", args=[endpoint.pk])
    form = {
        "name": "乙",
        "url": receiver.url,
        "events": ["bulletin_issued"],
        "version": "1",
        "new_secret": "on",
    }

    assert client.post(url, form).status_code == 302
    stale = client.post(url, form | {"name": "丙"})

    endpoint.refresh_from_db()
    assert (endpoint.name, endpoint.events, endpoint.active) == ("乙", ["bulletin_issued"], False)
    assert endpoint.secret != old_secret
    assert stale.status_code == 400
    assert endpoint.history.count() == 2
    assert "secret" not in {field.name for field in endpoint.history.model._meta.fields}


def test_a_ping_is_delivered_signed_and_listed(client: Client, office_user: User, receiver: Receiver) -> None:
    endpoint = endpoint_create(by=office_user, name="甲", url=receiver.url, events=[])
    client.force_login(office_user)

    response = client.post(reverse("webhooks:endpoint_ping", args=[endpoint.pk]))
    deliveries_run()

    assert response.status_code == 302
    [request] = receiver.received
    assert request.headers["x-reformtrack-event"] == PING
    page = client.get(reverse("webhooks:endpoint_detail", args=[endpoint.pk])).content.decode()
    assert 'data-testid="delivery-sent"' in page
    assert Delivery.objects.get().key in page


def test_the_office_sends_a_failed_delivery_again(
    client: Client, office_user: User, receiver: Receiver
) -> None:
    endpoint = endpoint_create(by=office_user, name="甲", url=receiver.url, events=[])
    delivery = Delivery.objects.create(
        endpoint=endpoint,
        kind=PING,
        event_key="ping:1",
        key=delivery_key(endpoint.pk, "ping:1"),
        payload={},
        status="failed",
        attempts=6,
    )
    client.force_login(office_user)

    assert client.post(reverse("webhooks:delivery_retry", args=[delivery.pk])).status_code == 302
    again = client.post(reverse("webhooks:delivery_retry", args=[delivery.pk]), follow=True)
    deliveries_run()

    delivery.refresh_from_db()
    assert delivery.status == "sent"
    assert "只有发送失败的推送才能重新发送" in again.content.decode()


def test_the_office_archives_an_endpoint(client: Client, office_user: User, receiver: Receiver) -> None:
    endpoint = endpoint_create(by=office_user, name="甲", url=receiver.url, events=[])
    client.force_login(office_user)

    client.post(reverse("webhooks:endpoint_archive", args=[endpoint.pk]))

    endpoint.refresh_from_db()
    assert endpoint.archived_at is not None
    assert "甲" not in client.get(reverse("webhooks:endpoint_list")).content.decode()
    assert "甲" in client.get(reverse("webhooks:endpoint_list") + "?archived=1").content.decode()
    assert client.get(reverse("webhooks:endpoint_edit", args=[endpoint.pk])).status_code == 302


@pytest.mark.parametrize("role", ["leader_user", "supervision_user", "unit_lead_user", "clerk_user"])
def test_anyone_but_the_office_is_refused_and_changes_nothing(
    role: str, client: Client, office_user: User, receiver: Receiver, request: pytest.FixtureRequest
) -> None:
    endpoint = endpoint_create(by=office_user, name="甲", url=receiver.url, events=[])
    client.force_login(request.getfixturevalue(role))

    for name in ("webhooks:endpoint_list", "webhooks:endpoint_create"):
        assert client.get(reverse(name)).status_code == 403
    assert client.get(reverse("webhooks:endpoint_detail", args=[endpoint.pk])).status_code == 403
    for name in ("webhooks:endpoint_ping", "webhooks:endpoint_archive"):
        assert client.post(reverse(name, args=[endpoint.pk])).status_code == 403
    form = {"name": "乙", "url": receiver.url, "events": ["bulletin_issued"], "version": "1"}
    assert client.post(reverse("webhooks:endpoint_edit", args=[endpoint.pk]), form).status_code == 403

    endpoint.refresh_from_db()
    assert (endpoint.name, endpoint.archived_at) == ("甲", None)
    assert not Delivery.objects.exists()
    assert receiver.received == []


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_lists_cost_the_same_queries_for_few_and_many_rows(client: Client, office_user: User) -> None:
    client.force_login(office_user)
    endpoint = endpoint_create(by=office_user, name="甲", url="https://example.org/a", events=[])

    def add(count: int) -> None:
        start = Delivery.objects.count()
        Delivery.objects.bulk_create(
            Delivery(
                endpoint=endpoint,
                kind=PING,
                event_key=f"ping:{n}",
                key=delivery_key(endpoint.pk, f"ping:{n}"),
            )
            for n in range(start, start + count)
        )
        for n in range(count):
            endpoint_create(by=office_user, name=f"端点{start + n}", url="https://example.org/b", events=[])

    add(2)
    few = (_queries(client, reverse("webhooks:endpoint_list")), _queries(client, endpoint.get_absolute_url()))
    add(60)
    many = (
        _queries(client, reverse("webhooks:endpoint_list")),
        _queries(client, endpoint.get_absolute_url()),
    )

    assert few == many
    assert many[0] <= 6 and many[1] <= 7, many
