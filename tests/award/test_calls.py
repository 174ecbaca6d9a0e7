"""The office opens and edits calls: one a year, a stale form refused, criteria fixed once scored."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from django.urls import reverse

from reformtrack.award import services
from reformtrack.award.errors import AwardRefused
from reformtrack.award.models import AwardCall

from .conftest import AwardWorld, call_data, checked

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.test import Client


def test_the_office_edits_a_call_on_its_page(award_world: AwardWorld, client: Client) -> None:
    call = award_world.call
    client.force_login(award_world.office)
    form = client.get(reverse("award:call_edit", args=[call.pk])).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data.update({"title": "改过的评选通知", "version": str(call.version), "public_vote": ""})
    data = {key: "" if value is None else str(value) for key, value in data.items()}

    response = client.post(reverse("award:call_edit", args=[call.pk]), data)

    assert response.status_code == 302, response.content.decode()[:2000]
    call.refresh_from_db()
    assert (call.title, call.version) == ("改过的评选通知", 2)
    assert call.criteria.count() == 2 and call.prizes.get(level="merit").count == 2
    assert call.history.first().history_user == award_world.office  # type: ignore[attr-defined]


def test_a_stale_form_and_a_second_call_of_a_year_are_refused(award_world: AwardWorld) -> None:
    office, call = award_world.office, award_world.call
    services.call_save(by=office, data=call_data(title="甲"), call=call, version=1)

    with pytest.raises(AwardRefused):
        services.call_save(by=office, data=call_data(title="乙"), call=call, version=1)
    with pytest.raises(AwardRefused):
        services.call_save(by=office, data=call_data())
    assert AwardCall.objects.get().title == "甲"


def test_the_criteria_stay_once_the_panel_has_scored(award_world: AwardWorld, leader_user: User) -> None:
    _own, other = checked(award_world)
    services.panel_appoint(by=award_world.office, call=award_world.call, user=leader_user)
    values = {c.pk: (Decimal(70), "") for c in award_world.call.criteria.all()}
    services.score_save(by=leader_user, nomination=other, values=values)

    with pytest.raises(AwardRefused):
        services.call_save(
            by=award_world.office,
            data=call_data(criteria=[("创新性", Decimal(1), "")]),
            call=award_world.call,
            version=award_world.call.version,
        )
    services.call_save(
        by=award_world.office,
        data=call_data(title="只改名称"),
        call=award_world.call,
        version=award_world.call.version,
    )
    assert award_world.call.criteria.count() == 2
