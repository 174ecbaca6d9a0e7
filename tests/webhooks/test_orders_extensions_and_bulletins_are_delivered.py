"""The other events follow the same signals as the notices: an order, an extension, a bulletin."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import User

from reformtrack.supervision.models import Bulletin, ExtensionRequest, SupervisionOrder
from reformtrack.supervision.signals import bulletin_issued, extension_event, order_event
from reformtrack.webhooks.models import Delivery, Endpoint
from reformtrack.webhooks.sending import deliveries_run

from .conftest import Programme
from .receiver import Receiver

pytestmark = pytest.mark.django_db


def test_each_event_is_posted_with_its_kind_and_ids(
    programme: Programme, endpoint: Endpoint, receiver: Receiver, office_user: User
) -> None:
    import datetime as dt

    order = SupervisionOrder.objects.create(
        year=2014,
        sequence=12,
        issued_by=office_user,
        issuing_office="coordinating",
        unit=programme.unit,
        project=programme.project,
        reason="进度滞后",
        requirements="限期整改",
        response_due=dt.date(2014, 10, 20),
        grade="blue",
    )
    request = ExtensionRequest.objects.create(
        project=programme.project,
        unit=programme.unit,
        requested_by=programme.clerk,
        requested_deadline=dt.date(2015, 3, 31),
        reasons="征地未完成",
    )
    bulletin = Bulletin.objects.create(
        title="第3期督查通报",
        period_start=dt.date(2014, 7, 1),
        period_end=dt.date(2014, 9, 30),
        year=2014,
        sequence=3,
        created_by=office_user,
    )

    order_event.send(sender=SupervisionOrder, order=order, event="issued", by=office_user)
    extension_event.send(sender=ExtensionRequest, request=request, event="requested", by=programme.clerk)
    bulletin_issued.send(sender=Bulletin, bulletin=bulletin, by=office_user)
    deliveries_run()

    bodies = {r.headers["x-reformtrack-event"]: json.loads(r.body) for r in receiver.received}
    assert set(bodies) == {"order_issued", "extension_requested", "bulletin_issued"}
    assert bodies["order_issued"]["data"]["order"]["number"] == "督办〔2014〕12号"
    assert bodies["order_issued"]["data"]["project"]["id"] == programme.project.pk
    assert "进度滞后" not in json.dumps(bodies, ensure_ascii=False)  # the order's reasons stay inside
    assert bodies["extension_requested"]["data"]["extension"]["requested_deadline"] == "2015-03-31"
    assert "征地未完成" not in json.dumps(bodies, ensure_ascii=False)
    assert bodies["bulletin_issued"]["data"]["bulletin"]["number"] == "督查通报〔2014〕3号"
    assert Delivery.objects.filter(status="sent").count() == 3
