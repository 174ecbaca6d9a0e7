"""A bulletin gathered for a period says what the data say: progress, timeliness, overdue items,
lagging units, commendations, open orders and accountability records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

from reformtrack.ledger.models import Measure, Plan, Project, Unit
from reformtrack.ledger.selectors import plan_progress_report
from reformtrack.reporting.models import ProgressReport, ReportingCycle
from reformtrack.supervision.bulletin import Section, bulletin_sections
from reformtrack.supervision.bulletin_data import programme_progress

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from .conftest import IssueOrder

pytestmark = pytest.mark.django_db

START, END = dt.date(2014, 1, 1), dt.date(2014, 3, 31)


def section(sections: list[Section], heading: str) -> Section:
    return next(s for s in sections if s.heading == heading)


def aware(day: dt.date) -> dt.datetime:
    from django.utils import timezone

    return dt.datetime.combine(day, dt.time(10), tzinfo=timezone.get_current_timezone())


def test_the_overdue_project_and_measure_are_in_the_overdue_table(project: Project, own_unit: Unit) -> None:
    measure = project.measures.get()
    Measure.objects.filter(pk=measure.pk).update(deadline=dt.date(2014, 2, 1), progress=40)

    sections = bulletin_sections(start=START, end=END)

    rows = section(sections, "逾期未完成事项").rows
    # one row for the project, its overdue measure inside, both with real dates and days overdue
    assert [row[:7] for row in rows] == [
        [
            "1",
            project.plan.title,
            f"{project.label}{project.title}",
            own_unit.name,
            "2013年12月31日",
            "90",
            "0%",
        ]
    ]
    assert rows[0][7] == f"1. {measure.text}（时限2014年2月1日，逾期58天，进度40%）"
    lagging = section(sections, "工作滞后单位").rows
    assert [row[1:4] for row in lagging] == [[own_unit.name, "1", "1"]]


def test_a_completed_project_is_not_overdue(project: Project) -> None:
    Project.objects.filter(pk=project.pk).update(status="completed")

    sections = bulletin_sections(start=START, end=END)

    assert section(sections, "逾期未完成事项").rows == []
    assert section(sections, "逾期未完成事项").paragraphs == ["无。"]


def test_progress_is_the_ledgers_per_plan_and_chapter(store_plan: Callable[..., Plan]) -> None:
    plan = store_plan(b"p", chapters=2, projects=2)
    first, second = plan.projects.filter(level=1).order_by("position")[:2]
    Project.objects.filter(pk=first.pk).update(progress=80)
    Project.objects.filter(pk=second.pk).update(progress=20, weight=3)

    computed = programme_progress()
    expected = plan_progress_report(plan)
    sections = bulletin_sections(start=START, end=END)

    assert [p.progress for p in computed] == [expected.progress]
    assert [c.progress for c in computed[0].chapters] == [c.progress for c in expected.chapters]
    chapters = section(sections, "各章节进展").rows
    assert [row[1:] for row in chapters] == [
        [c.chapter.title, str(c.project_count), f"{c.progress:.1f}%"] for c in expected.chapters
    ]
    assert section(sections, "总体情况").rows[0][-1] == f"{expected.progress:.1f}%"


def test_units_are_ranked_by_reports_on_time(
    project: Project, other_project: Project, own_unit: Unit, other_unit: Unit
) -> None:
    # a monthly cycle per plan: January's reports are due on 5 February, February's on 5 March
    for plan_project in (project, other_project):
        ReportingCycle.objects.create(
            plan=plan_project.plan, name="月报", start=dt.date(2014, 1, 1), end=dt.date(2014, 12, 31)
        )
    own_cycle = ReportingCycle.objects.get(plan=project.plan)
    other_cycle = ReportingCycle.objects.get(plan=other_project.plan)
    for month, submitted in ((1, dt.date(2014, 2, 3)), (2, dt.date(2014, 3, 4))):
        ProgressReport.objects.create(
            cycle=own_cycle,
            period_start=dt.date(2014, month, 1),
            period_end=dt.date(2014, month, 28),
            project=project,
            unit=own_unit,
            status="accepted",
            submitted_at=aware(submitted),
        )
    ProgressReport.objects.create(  # late; February's report never came
        cycle=other_cycle,
        period_start=dt.date(2014, 1, 1),
        period_end=dt.date(2014, 1, 31),
        project=other_project,
        unit=other_unit,
        status="submitted",
        submitted_at=aware(dt.date(2014, 2, 20)),
    )

    sections = bulletin_sections(start=START, end=END)

    ranking = section(sections, "各单位报送及时情况").rows
    assert ranking == [
        ["1", own_unit.name, "2", "2", "0", "0", "100%"],
        ["2", other_unit.name, "2", "0", "1", "1", "0%"],
    ]
    praise = section(sections, "通报表扬").paragraphs
    assert any(own_unit.name in text and other_unit.name not in text for text in praise)
    assert other_unit.name in [row[1] for row in section(sections, "工作滞后单位").rows]


def test_a_project_completed_in_the_period_is_commended(
    project: Project, own_unit: Unit, office_user: User
) -> None:
    from reformtrack.ledger.services import project_update

    project_update(project=project, by=office_user, version=project.version, status="completed", progress=100)
    today = dt.date.today()

    sections = bulletin_sections(start=today - dt.timedelta(days=30), end=today)

    praised = section(sections, "通报表扬")
    assert praised.rows == [["1", f"{project.label}{project.title}", own_unit.name]]
    assert f"{own_unit.name}（1项）" in praised.paragraphs[-1]


def test_open_orders_and_accountability_records_are_listed(
    issue: IssueOrder, project: Project, own_unit: Unit
) -> None:
    order = issue(unit=own_unit, project=project, response_due=dt.date(2014, 2, 1))

    sections = bulletin_sections(start=START, end=END)

    assert [row[:2] for row in section(sections, "督办事项").rows] == [[order.number, own_unit.name]]
    records = section(sections, "行政无为责任追究").paragraphs
    assert records == [f"{own_unit.name}：逾期未完成项目1项，逾期未回复督办单1件。"]
