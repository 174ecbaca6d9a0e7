"""The dashboard: weighted progress overall and per chapter, status counts, unit load, deadlines, charts."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from reformtrack.ledger.choices import ProjectStatus
from reformtrack.ledger.models import Plan, Project

pytestmark = pytest.mark.django_db

BuildPlan = Callable[..., Plan]


@pytest.fixture
def office(client: Client, office_user: User) -> Client:
    client.force_login(office_user)
    return client


def test_it_weighs_progress_by_weight(big_plan: BuildPlan, office: Client) -> None:
    plan = big_plan(2, chapters=1)
    first, second = plan.projects.order_by("position")
    Project.objects.filter(pk=first.pk).update(weight=Decimal(3), progress=100)
    Project.objects.filter(pk=second.pk).update(weight=Decimal(1), progress=0)

    response = office.get(reverse("web:dashboard"), {"plan": plan.pk})

    assert response.context["overall"] == pytest.approx(75.0)
    assert [round(line.progress, 1) for line in response.context["lines"]] == [75.0]


def test_it_counts_sub_items_within_their_project(web_plan: Plan, office: Client) -> None:
    Project.objects.filter(plan=web_plan, level=2).update(progress=100)

    response = office.get(reverse("web:dashboard"))

    assert response.context["overall"] == 0  # only the top-level projects roll up
    assert sum(line.count for line in response.context["lines"]) == 4


def test_it_rolls_up_only_what_the_user_may_see(
    big_plan: BuildPlan, client: Client, clerk_user: User
) -> None:
    plan = big_plan(4, chapters=1, lead="区发改局", co="区财政局")
    mine = plan.projects.order_by("position").first()
    assert mine is not None
    Project.objects.filter(pk=mine.pk).update(progress=80)
    mine.project_units.filter(role="co").update(unit_id=clerk_user.profile.unit_id)
    client.force_login(clerk_user)

    response = client.get(reverse("web:dashboard"))

    assert response.context["project_count"] == 1
    assert response.context["overall"] == pytest.approx(80.0)


def test_it_counts_projects_by_status_and_flags(big_plan: BuildPlan, office: Client) -> None:
    plan = big_plan(8)

    response = office.get(reverse("web:dashboard"), {"plan": plan.pk})

    statuses = {value: n for value, _label, n in response.context["statuses"]}
    assert statuses == {status: 2 for status in ProjectStatus.values}
    assert response.context["review_count"] == plan.projects.filter(needs_review=True).count()


def test_it_lists_the_load_per_unit(web_plan: Plan, office: Client) -> None:
    response = office.get(reverse("web:dashboard"))

    load = {row["unit__name"]: (row["lead"], row["co"]) for row in response.context["load"]}
    assert load["区经济促进局"] == (4, 0)
    assert load["区科技创新局"] == (0, 4)


def test_it_lists_the_nearest_open_deadlines_and_the_overdue(
    big_plan: BuildPlan, office: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = big_plan(30)
    monkeypatch.setattr("reformtrack.ledger.pages.today", lambda: dt.date(2014, 1, 1))

    response = office.get(reverse("web:dashboard"), {"plan": plan.pk})

    nearest = [row.project for row in response.context["nearest"]]
    overdue = [row.project for row in response.context["overdue"]]
    assert nearest and overdue
    assert all(p.deadline >= dt.date(2014, 1, 1) and p.status != "completed" for p in nearest)
    assert [p.deadline for p in nearest] == sorted(p.deadline for p in nearest)
    assert all(p.deadline < dt.date(2014, 1, 1) for p in overdue)


def test_it_carries_the_chart_data_and_a_table_for_each_chart(web_plan: Plan, office: Client) -> None:
    response = office.get(reverse("web:dashboard"))

    text = response.content.decode()
    start = text.index('<script id="dashboard-data" type="application/json">') + len(
        '<script id="dashboard-data" type="application/json">'
    )
    data = json.loads(text[start : text.index("</script>", start)])
    assert data["status"]["keys"] == list(ProjectStatus.values)
    assert len(data["chapters"]["values"]) == 2
    assert "区经济促进局" in data["units"]["labels"]
    # the numbers are in tables too, for readers without JavaScript
    for testid in ("dashboard-chapters", "dashboard-status", "dashboard-units"):
        assert f'data-testid="{testid}"' in text
    assert "vendor/chart.js/dist/chart.umd.min.js" in text


def test_it_says_so_when_no_plan_is_imported(office: Client) -> None:
    response = office.get(reverse("web:dashboard"))

    assert 'data-testid="dashboard-empty"' in response.content.decode()
