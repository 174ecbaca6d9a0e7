"""restrict(): the coordinating office sees every endpoint and delivery; every other role none."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, User

from reformtrack.webhooks.choices import PING
from reformtrack.webhooks.models import Delivery, Endpoint
from reformtrack.webhooks.services import delivery_key, endpoint_create

pytestmark = pytest.mark.django_db

OTHERS = ["leader_user", "supervision_user", "unit_lead_user", "clerk_user", "counit_user", "outsider_clerk"]


@pytest.fixture
def rows(office_user: User) -> tuple[Endpoint, Delivery]:
    endpoint = endpoint_create(by=office_user, name="甲", url="https://example.org/hook", events=[])
    delivery = Delivery.objects.create(
        endpoint=endpoint, kind=PING, event_key="ping:1", key=delivery_key(endpoint.pk, "ping:1")
    )
    return endpoint, delivery


@pytest.mark.parametrize("action", ["view", "change"])
def test_the_office_sees_and_changes_every_row(
    rows: tuple[Endpoint, Delivery], office_user: User, action: str
) -> None:
    assert list(Endpoint.objects.restrict(office_user, action)) == [rows[0]]
    assert list(Delivery.objects.restrict(office_user, action)) == [rows[1]]


@pytest.mark.parametrize("role", OTHERS)
@pytest.mark.parametrize("action", ["view", "change"])
def test_every_other_role_sees_none(
    rows: tuple[Endpoint, Delivery], role: str, action: str, request: pytest.FixtureRequest
) -> None:
    user = request.getfixturevalue(role)

    assert not Endpoint.objects.restrict(user, action).exists()
    assert not Delivery.objects.restrict(user, action).exists()
    assert not Endpoint.objects.restrict(AnonymousUser(), action).exists()
