"""The project page and its print view: text, measures, targets with actual values, units, leader,
milestones, review flags and history."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from reformtrack.ledger.models import Milestone, Project, TargetValue
from reformtrack.ledger.services import milestone_create, project_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_project(own_project: Project, leader_user: User) -> Project:
    own_project.leader = leader_user
    own_project.save()
    target = own_project.targets.get()
    TargetValue.objects.create(target=target, date=dt.date(2013, 12, 31), value=Decimal(1), note="首个集聚区")
    TargetValue.objects.create(target=target, date=dt.date(2014, 12, 31), value=Decimal("2.5"))
    Milestone.objects.create(project=own_project, date=dt.date(2013, 9, 30), title="出台方案", done=True)
    return own_project


def test_it_shows_everything_about_the_project(
    page_project: Project, client: Client, office_user: User
) -> None:
    client.force_login(office_user)

    text = client.get(reverse("web:project_detail", args=[page_project.pk])).content.decode()

    for expected in (
        "项目1-1的全文。",  # text
        "举措1-1-1",  # measures
        "打造2至3个网商集聚区",  # target
        "首个集聚区",  # its actual values
        "2.5",
        "区经济促进局",  # lead unit
        "区科技创新局",  # co-unit
        "leader",  # leader in charge (the fixture's full name is its username)
        "出台方案",  # milestone
        "子项1-1-1",  # sub-item
        "2013年底前",  # deadline as printed
    ):
        assert expected in text, expected


def test_it_draws_the_actual_values_without_javascript(
    page_project: Project, client: Client, office_user: User
) -> None:
    client.force_login(office_user)

    # the print view draws them on the server; the screen's chart is Chart.js over the same table
    text = client.get(reverse("web:project_print", args=[page_project.pk])).content.decode()

    chart = text[text.index('data-testid="target-chart"') :]
    chart = chart[: chart.index("</svg>")]
    # two values a year apart, 1 then 2.5, against the aim of 2 to 3: a line rising left to right
    assert 'points="4.0,' in chart and " 236.0," in chart
    assert "<line" in chart  # the aim


def test_it_highlights_the_review_reasons(page_project: Project, client: Client, office_user: User) -> None:
    client.force_login(office_user)

    text = client.get(reverse("web:project_detail", args=[page_project.pk])).content.decode()

    assert 'data-testid="review-reasons"' in text
    assert "“阳光慈尚”与“大爱罗湖”之间缺失一个字（以□标示），请补全。" in text


def test_it_shows_who_changed_what_and_when(
    page_project: Project, client: Client, clerk_user: User, office_user: User
) -> None:
    project_update(project=page_project, by=office_user, version=page_project.version, progress=35)
    milestone_create(project=page_project, by=clerk_user, date=dt.date(2014, 3, 1), title="中期评估")
    client.force_login(clerk_user)

    response = client.get(reverse("web:project_history", args=[page_project.pk]))

    history = response.context["history"]
    assert history[0].who == "clerk" and history[0].kind == "created" and "中期评估" in history[0].subject
    progress = next(entry for entry in history if any(c.new == "35" for c in entry.changes))
    assert progress.who == "office"
    assert [(c.old, c.new) for c in progress.changes] == [("0", "35")]
    text = response.content.decode()
    assert "<del>0</del>" in text and "<ins>35</ins>" in text


def test_it_groups_what_one_import_created(page_project: Project, client: Client, office_user: User) -> None:
    client.force_login(office_user)

    response = client.get(reverse("web:project_history", args=[page_project.pk]))

    subjects = [entry.subject for entry in response.context["history"]]
    assert "2 条举措" in subjects  # the import created the project's two measures at once
    assert "项目: 项目1-1" in subjects


def test_it_prints_the_project_without_navigation_or_forms(
    page_project: Project, client: Client, clerk_user: User
) -> None:
    client.force_login(clerk_user)

    response = client.get(reverse("web:project_print", args=[page_project.pk]))

    text = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="project-print"' in text
    assert 'data-testid="site-header"' not in text
    assert "<form" not in text
    assert "举措1-1-1" in text and "出台方案" in text and "首个集聚区" in text
    assert 'data-testid="milestone-done"' not in text


def test_the_print_css_hides_the_chrome() -> None:
    path = finders.find("reformtrack/site.css")
    assert path is not None
    css = Path(path).read_text(encoding="utf-8")
    assert "@media print" in css
    assert "@page" in css


def test_it_shows_the_progress_in_words_a_ledger_update_recorded(
    page_project: Project, client: Client, office_user: User
) -> None:
    client.force_login(office_user)
    url = reverse("web:project_detail", args=[page_project.pk])
    assert 'data-testid="project-progress-note"' not in client.get(url).content.decode()

    Project.objects.filter(pk=page_project.pk).update(progress_note="已完成方案起草\n正在征求意见")
    page = client.get(url).content.decode()

    note = page[page.index('data-testid="project-progress-note"') :]
    assert "已完成方案起草<br>正在征求意见" in note[: note.index("</p>")]
