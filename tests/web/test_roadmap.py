"""The roadmap: a plain HTML/CSS Gantt chart of a plan's projects with milestones, deadlines and today."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from reformtrack.ledger.models import Milestone, Plan, Unit

pytestmark = pytest.mark.django_db

BuildPlan = Callable[..., Plan]


@pytest.fixture
def office(client: Client, office_user: User) -> Client:
    client.force_login(office_user)
    return client


def test_it_draws_a_row_per_project_grouped_by_chapter(big_plan: BuildPlan, office: Client) -> None:
    plan = big_plan(12, chapters=3)

    response = office.get(reverse("web:roadmap"), {"plan": plan.pk})

    text = response.content.decode()
    assert text.count('data-testid="roadmap-row"') == 12
    assert text.count('data-testid="roadmap-chapter"') == 3
    assert text.count('data-testid="roadmap-milestone"') == 12
    assert "<script" not in text.split('data-testid="roadmap"')[1]  # no JavaScript needed


def test_it_places_bars_and_milestones_on_the_plan_period(big_plan: BuildPlan, office: Client) -> None:
    plan = big_plan(1, milestones=False)
    project = plan.projects.get()
    project.deadline = dt.date(2014, 7, 2)  # the middle of 2013–2015
    project.save()
    Milestone.objects.create(project=project, date=dt.date(2013, 1, 1), title="启动")

    response = office.get(reverse("web:roadmap"), {"plan": plan.pk})

    period = response.context["period"]
    assert (period.start, period.end) == (dt.date(2013, 1, 1), dt.date(2015, 12, 31))
    track = response.context["tracks"][0][1][0]
    assert track.bar_width == "50.000%"
    assert track.deadline_at == "50.000%"
    assert track.milestones[0][1] == "0.000%"
    assert [year for year, _at in response.context["years"]] == [2013, 2014, 2015]


def test_it_draws_todays_line_inside_the_period(
    big_plan: BuildPlan, office: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = big_plan(2)
    monkeypatch.setattr("reformtrack.ledger.pages.today", lambda: dt.date(2014, 7, 2))

    response = office.get(reverse("web:roadmap"), {"plan": plan.pk})

    assert response.context["today_at"] == "50.000%"
    assert 'data-testid="roadmap-today"' in response.content.decode()


def test_it_leaves_todays_line_out_after_the_period(big_plan: BuildPlan, office: Client) -> None:
    plan = big_plan(2)

    response = office.get(reverse("web:roadmap"), {"plan": plan.pk})

    assert response.context["today_at"] is None  # 2013–2015 is long past


def test_it_runs_ongoing_projects_to_the_end(big_plan: BuildPlan, office: Client) -> None:
    plan = big_plan(1, milestones=False)
    plan.projects.update(deadline=None)

    response = office.get(reverse("web:roadmap"), {"plan": plan.pk})

    track = response.context["tracks"][0][1][0]
    assert track.ongoing and track.bar_width == "100.000%" and track.deadline_at is None


def test_it_filters_by_chapter_and_unit(big_plan: BuildPlan, office: Client) -> None:
    plan = big_plan(10, chapters=2)
    other = big_plan(3, title="别的方案", lead="区民政局")
    chapter = plan.chapters.get(number=2)
    unit = Unit.objects.get(name="区民政局")

    by_chapter = office.get(reverse("web:roadmap"), {"plan": plan.pk, "chapter": chapter.pk})
    by_unit = office.get(reverse("web:roadmap"), {"plan": other.pk, "unit": unit.pk})
    none_there = office.get(reverse("web:roadmap"), {"plan": plan.pk, "unit": unit.pk})

    assert by_chapter.context["project_count"] == 5
    assert by_unit.context["project_count"] == 3
    assert none_there.context["project_count"] == 0
    assert 'data-testid="roadmap-empty"' in none_there.content.decode()


def test_it_shows_the_newest_plan_by_default(big_plan: BuildPlan, office: Client) -> None:
    big_plan(2, title="旧方案")
    big_plan(2, title="新方案")

    response = office.get(reverse("web:roadmap"))

    assert response.context["plan"].title == "新方案"
