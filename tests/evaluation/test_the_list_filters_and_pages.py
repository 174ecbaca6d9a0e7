"""The list of evaluations: filtered by status, conclusion and words of the project's title, 25 a
page, the filters kept from page to page; a unit's people see only their projects' evaluations."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from reformtrack.evaluation import services
from reformtrack.evaluation.models import Evaluation
from reformtrack.ledger.models import Plan

from .conftest import CLERK_UNIT

pytestmark = pytest.mark.django_db


def test_it_filters_and_pages(store_plan: Callable[..., Plan], office_user: User, client: Client) -> None:
    plan = store_plan(b"many", chapters=3, projects=10, children=0, lead_units=(CLERK_UNIT,), co_units=())
    for project in plan.projects.all():
        services.evaluation_open(project=project, by=office_user)
    first = Evaluation.objects.order_by("pk").first()
    assert first is not None
    Evaluation.objects.filter(pk=first.pk).update(status="concluded", conclusion="stop")
    client.force_login(office_user)
    url = reverse("evaluation:list")

    assert client.get(url).content.decode().count('data-testid="evaluation-row"') == 25
    page = client.get(url, {"q": "项目", "page": "2"}).content.decode()
    assert page.count('data-testid="evaluation-row"') == 5
    assert "?q=%E9%A1%B9%E7%9B%AE&amp;page=1" in page  # the filter kept on the link back
    stopped = client.get(url, {"conclusion": "stop"}).content.decode()
    assert stopped.count('data-testid="evaluation-row"') == 1 and "停止实施" in stopped
    assert client.get(url, {"status": "self"}).content.decode().count('data-testid="evaluation-row"') == 25


def test_a_unit_sees_its_projects_evaluations_only(
    store_plan: Callable[..., Plan], office_user: User, clerk_user: User, client: Client
) -> None:
    own = store_plan(b"own", chapters=1, projects=1, children=0, lead_units=(CLERK_UNIT,), co_units=())
    other = store_plan(
        b"other",
        title="另一个方案",
        chapters=1,
        projects=1,
        children=0,
        lead_units=("区财政局",),
        co_units=(),
    )
    for plan in (own, other):
        services.evaluation_open(project=plan.projects.get(), by=office_user)
    client.force_login(clerk_user)

    page = client.get(reverse("evaluation:list")).content.decode()

    assert page.count('data-testid="evaluation-row"') == 1 and "另一个方案" not in page
