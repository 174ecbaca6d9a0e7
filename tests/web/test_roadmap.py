"""The roadmap: a plain HTML/CSS Gantt chart of a plan's projects with milestones, deadlines and today."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils.formats import date_format

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
    # no JavaScript needed: the one script of every page only adds filter boxes to the long selects
    after = text.split('data-testid="roadmap"')[1]
    assert "<script" not in after.replace('<script src="/static/reformtrack/forms.js" defer>', "")


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


def test_it_shows_every_plan_by_default_and_one_when_chosen(big_plan: BuildPlan, office: Client) -> None:
    old = big_plan(2, title="旧方案")
    big_plan(3, title="新方案")

    every = office.get(reverse("web:roadmap"))
    one = office.get(reverse("web:roadmap"), {"plan": old.pk})

    assert every.context["plan"] is None and every.context["project_count"] == 5
    text = every.content.decode()
    assert text.count('data-testid="roadmap-row"') == 5
    rows = text.split('data-testid="roadmap"')[1]
    assert rows.index("旧方案") < rows.index("新方案")  # the library's order, chapters name their plan
    assert one.context["plan"] == old and one.context["project_count"] == 2


def test_it_pages_through_every_plan(big_plan: BuildPlan, office: Client) -> None:
    big_plan(40, title="甲方案")
    big_plan(30, title="乙方案")

    first = office.get(reverse("web:roadmap"))
    second = office.get(reverse("web:roadmap"), {"page": 2})

    assert first.context["project_count"] == 70
    assert first.content.decode().count('data-testid="roadmap-row"') == 50
    assert second.content.decode().count('data-testid="roadmap-row"') == 20


def test_a_bar_starts_at_the_start_date_else_at_its_plans_start(big_plan: BuildPlan, office: Client) -> None:
    plan = big_plan(2, milestones=False)
    first, second = plan.projects.order_by("position")
    plan.projects.update(deadline=dt.date(2015, 12, 31))
    plan.projects.filter(pk=first.pk).update(start_date=dt.date(2014, 7, 2))  # the middle of 2013–2015
    later = big_plan(1, title="后一个方案", milestones=False)
    later.period_start, later.period_end = 2014, 2015
    later.save()
    later.projects.update(deadline=dt.date(2015, 12, 31))

    one = office.get(reverse("web:roadmap"), {"plan": plan.pk})
    tracks = {t.project.pk: t for _c, ts in one.context["tracks"] for t in ts}
    assert (tracks[first.pk].bar_left, tracks[first.pk].bar_width) == ("50.000%", "50.000%")
    assert (tracks[second.pk].bar_left, tracks[second.pk].bar_width) == ("0.000%", "100.000%")
    every = office.get(reverse("web:roadmap"))
    tracks = {t.project.pk: t for _c, ts in every.context["tracks"] for t in ts}
    only = later.projects.get()
    # 2013–2015 on the page: the later plan's project starts with its plan, on 1 January 2014
    assert tracks[only.pk].bar_left == f"{365 * 100 / 1094:.3f}%"
    assert date_format(dt.date(2014, 7, 2)) in one.content.decode()  # as the language writes it
