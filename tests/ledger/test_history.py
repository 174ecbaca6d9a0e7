"""Every change is kept with who made it and when (django-simple-history)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from reformtrack.ingest.model import ParsedPlan
from reformtrack.ledger.choices import UnitKind
from reformtrack.ledger.models import Chapter, Measure, Plan, Project, Target, Unit
from reformtrack.ledger.services import plan_import

MakePlan = Callable[..., ParsedPlan]

pytestmark = pytest.mark.django_db


def test_it_records_the_importer_on_every_imported_row(office_user: User, make_plan: MakePlan) -> None:
    plan = plan_import(parsed=make_plan(), source_bytes=b"plan", filename="plan.txt", by=office_user)

    models: list[Any] = [Plan, Chapter, Project, Measure, Target, Unit]  # .history is untyped
    for model in models:
        records = model.history.all()
        assert records.count() == model._default_manager.count() > 0, model.__name__
        assert {record.history_user for record in records} == {office_user}, model.__name__
        assert {record.history_type for record in records} == {"+"}, model.__name__
    assert plan.history.get().title == plan.title


def test_it_records_who_replaced_a_plan(
    office_user: User, store_plan: Callable[..., Plan], make_plan: MakePlan
) -> None:
    old = store_plan()

    plan_import(parsed=make_plan(), source_bytes=b"plan", filename="plan.txt", replace=True, by=office_user)

    deleted = Plan.history.filter(history_type="-").get()
    assert (deleted.id, deleted.history_user) == (old.pk, office_user)


def test_it_records_the_logged_in_user_of_a_web_request(admin_user: User, client: Client) -> None:
    unit = Unit.objects.create(name="区发改局", kind=UnitKind.OTHER)
    client.force_login(admin_user)

    response = client.post(
        f"/admin/ledger/unit/{unit.pk}/change/",
        {
            "name": "区发改局",
            "kind": UnitKind.GOVERNMENT,
            "aliases-TOTAL_FORMS": "0",
            "aliases-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    change = unit.history.filter(history_type="~").get()
    assert (change.kind, change.history_user) == (UnitKind.GOVERNMENT, admin_user)
    assert client.get(f"/admin/ledger/unit/{unit.pk}/history/").status_code == 200
