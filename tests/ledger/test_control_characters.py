"""Titles and names with line breaks or control characters are stored on one line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User

from reformtrack.ingest.model import ParsedPlan
from reformtrack.ledger.models import Plan, Project, Target, Unit
from reformtrack.ledger.services import milestone_create, plan_import, project_update

pytestmark = pytest.mark.django_db

MakePlan = Callable[..., ParsedPlan]


def test_an_imported_title_with_line_breaks_is_stored_on_one_line(make_plan: MakePlan) -> None:
    parsed = make_plan(title="罗湖区\r\n改革方案", chapters=1, projects=1, measures=1, children=0)
    chapter = parsed.chapters[0]
    chapter.title = "总体\u2028要求"
    item = chapter.items[0]
    item.title = "A\r\nB"
    item.text = "第一段。\r\n第二段。\x1b"
    item.lead_units = ["区发改\r\n局"]
    item.targets[0].text = "打造\t2至3个\n网商集聚区"

    plan = plan_import(parsed=parsed, source_bytes=b"controls", filename="plan.txt")

    project = Project.objects.get(plan=plan)
    assert plan.title == "罗湖区 改革方案"
    assert plan.chapters.get().title == "总体 要求"
    assert project.title == "A B"
    assert project.text == "第一段。\n第二段。"  # a running text keeps its line breaks
    assert Target.objects.get(project=project).text == "打造 2至3个 网商集聚区"
    assert Unit.objects.filter(name="区发改局").exists()


def test_an_edited_title_with_line_breaks_is_stored_on_one_line(
    store_plan: Callable[..., Plan], office_user: User
) -> None:
    project = store_plan(chapters=1, projects=1, children=0).projects.get()

    project_update(
        project=project, by=office_user, version=project.version, title="A\r\nB", text="一\r\n二\x00"
    )

    project.refresh_from_db()
    assert (project.title, project.text) == ("A B", "一\n二")


def test_a_milestone_title_is_stored_on_one_line(store_plan: Callable[..., Plan], office_user: User) -> None:
    project = store_plan(chapters=1, projects=1, children=0).projects.get()

    milestone = milestone_create(
        project=project, by=office_user, date=dt.date(2013, 6, 30), title="完成\r\n方案"
    )

    assert milestone.title == "完成 方案"
