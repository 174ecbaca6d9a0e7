"""A report's figures (actual values of targets, progress of measures): kept with the report through
draft, return and resubmission; in the ledger only once the office accepts the report."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db.models import ProtectedError
from django.utils import timezone

from reformtrack.ledger.models import Measure, Project, Target, TargetValue
from reformtrack.ledger.selectors import project_progress
from reformtrack.ledger.services import measure_update, target_value_record
from reformtrack.reporting.choices import ReportStatus
from reformtrack.reporting.errors import ConcurrentReview, ReportError
from reformtrack.reporting.models import MeasureEntry, ProgressReport, TargetEntry
from reformtrack.reporting.services import (
    MeasureInput,
    TargetInput,
    report_accept,
    report_return,
    report_save_draft,
    report_save_with_figures,
    report_submit,
)

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2014, 3, 31)


def _figures(
    project: Project,
    value: str | None = "2",
    day: dt.date | None = AS_OF,
    progress: tuple[int | None, ...] = (60, 20),
) -> dict[str, Any]:
    target = project.targets.get()
    measures = list(project.measures.order_by("position"))
    return {
        "targets": [
            TargetInput(
                target=target, value=None if value is None else Decimal(value), date=day, source="区统计局"
            )
        ],
        "measures": [MeasureInput(measure=m, progress=p) for m, p in zip(measures, progress, strict=True)],
    }


def _draft(report: ProgressReport, by: User, project: Project, **figures: Any) -> ProgressReport:
    return report_save_with_figures(
        report=report, by=by, version=report.version, done="完成调研", **{**_figures(project), **figures}
    )


def _ledger(project: Project) -> tuple[int, list[int], int]:
    """What the ledger says now: the target's values, the measures' progress, the project's."""
    return (
        TargetValue.objects.filter(target__project=project).count(),
        list(Measure.objects.filter(project=project).order_by("position").values_list("progress", flat=True)),
        Project.objects.get(pk=project.pk).progress,
    )


def test_a_draft_keeps_the_figures_and_the_ledger_stays_as_it_was(
    report: ProgressReport, project: Project, clerk_user: User
) -> None:
    before = _ledger(project)

    report = _draft(report, clerk_user, project)

    entry = TargetEntry.objects.get(report=report)
    assert (entry.value, entry.date, entry.source) == (Decimal(2), AS_OF, "区统计局")
    assert list(MeasureEntry.objects.filter(report=report).values_list("progress", flat=True)) == [60, 20]
    assert report.percent_complete == 40  # the two measures weigh the same: (60 + 20) / 2
    assert _ledger(project) == before


def test_a_returned_report_changes_nothing_and_its_figures_go_on_to_the_resubmission(
    report: ProgressReport, project: Project, clerk_user: User, office_user: User
) -> None:
    before = _ledger(project)
    report = _draft(report, clerk_user, project)
    report = report_submit(report=report, by=clerk_user, version=report.version)
    report = report_return(report=report, by=office_user, version=report.version, comment="请核实实际值")

    assert _ledger(project) == before
    assert report.status == ReportStatus.RETURNED
    report = _draft(report, clerk_user, project, **_figures(project, value="3", progress=(80, None)))
    assert TargetEntry.objects.get(report=report).value == Decimal(3)  # the same row, changed
    assert list(MeasureEntry.objects.filter(report=report).values_list("progress", flat=True)) == [80, None]
    assert _ledger(project) == before


def test_acceptance_records_the_values_and_the_progress_and_the_project_is_the_roll_up(
    report: ProgressReport, project: Project, clerk_user: User, office_user: User
) -> None:
    report = _draft(report, clerk_user, project)
    report = report_submit(report=report, by=clerk_user, version=report.version)

    report_accept(report=report, by=office_user, version=report.version)

    value = TargetValue.objects.get(target__project=project)
    assert (value.date, value.value) == (AS_OF, Decimal(2))
    assert value.source == "区统计局" and "区经济促进局" in value.note  # the source in its own field
    _count, measures, progress = _ledger(project)
    assert measures == [60, 20]
    assert progress == round(project_progress(project) or 0) == 40


def test_a_value_on_a_date_the_target_already_has_stops_the_acceptance_and_changes_nothing(
    report: ProgressReport, project: Project, clerk_user: User, office_user: User
) -> None:
    report = _draft(report, clerk_user, project)
    report = report_submit(report=report, by=clerk_user, version=report.version)
    target = Target.objects.get(project=project)
    target_value_record(target=target, by=office_user, date=AS_OF, value=Decimal(1), note="区办核实")
    before = _ledger(project)

    with pytest.raises(ReportError, match=re.escape(target.text)):  # the message names the target
        report_accept(report=report, by=office_user, version=report.version)

    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert _ledger(project) == before
    assert list(TargetValue.objects.filter(target=target).values_list("value", "note")) == [
        (Decimal(1), "区办核实")
    ]


def test_the_weights_decide_the_reported_percent_and_the_projects_progress(
    report: ProgressReport, project: Project, clerk_user: User, office_user: User
) -> None:
    first, second = project.measures.order_by("position")
    measure_update(measure=first, by=office_user, weight=Decimal(3))
    measure_update(measure=second, by=office_user, progress=10)
    # the unit reports only the first measure: the second counts at its current 10 %
    report = _draft(report, clerk_user, project, **_figures(project, progress=(50, None)))
    assert report.percent_complete == round((3 * 50 + 1 * 10) / 4)  # 40

    report = report_submit(report=report, by=clerk_user, version=report.version)
    report_accept(report=report, by=office_user, version=report.version)

    assert _ledger(project)[1:] == ([50, 10], 40)


def test_without_measure_progress_the_report_moves_the_project_as_before(
    report: ProgressReport, project: Project, clerk_user: User, office_user: User
) -> None:
    report = report_save_draft(
        report=report, by=clerk_user, version=report.version, done="完成调研", percent_complete=35
    )
    report = report_submit(report=report, by=clerk_user, version=report.version)
    report_accept(report=report, by=office_user, version=report.version)

    assert _ledger(project) == (0, [0, 0], 35)


@pytest.mark.parametrize(
    ("figures", "message"),
    [
        ({"day": timezone.localdate() + dt.timedelta(days=1)}, "晚于今天"),
        ({"day": dt.date(2012, 12, 31)}, "不在方案实施年度（2013—2015年）之内"),
        ({"day": None}, "请填写“网商集聚区”实际值的截至日期"),
        ({"value": "1e20"}, "超出可保存的范围"),
        ({"progress": (101, 0)}, "举措进度应为 0 到 100 之间的整数"),
    ],
)
def test_bad_figures_are_refused_in_chinese_and_nothing_is_stored(
    report: ProgressReport, project: Project, clerk_user: User, figures: dict[str, object], message: str
) -> None:
    with pytest.raises(ReportError, match=message):
        _draft(report, clerk_user, project, **_figures(project, **figures))  # type: ignore[arg-type]

    report.refresh_from_db()
    assert (report.version, report.done) == (1, "")
    assert not TargetEntry.objects.exists() and not MeasureEntry.objects.exists()


def test_a_completed_report_needs_every_measure_at_100(
    report: ProgressReport, project: Project, clerk_user: User
) -> None:
    with pytest.raises(ReportError, match="各项举措进度应均为 100%"):
        _draft(report, clerk_user, project, reported_status="completed")
    assert not MeasureEntry.objects.exists()


def test_two_people_saving_at_once_the_second_stores_nothing(
    report: ProgressReport, project: Project, clerk_user: User, unit_lead_user: User
) -> None:
    started = report.version
    _draft(report, clerk_user, project)

    stale = ProgressReport.objects.get(pk=report.pk)
    with pytest.raises(ConcurrentReview, match=r"已先处理此报告.*您的操作未保存"):
        report_save_with_figures(
            report=stale,
            by=unit_lead_user,
            version=started,
            **_figures(project, value="9", progress=(90, 90)),
        )

    assert TargetEntry.objects.get().value == Decimal(2)
    assert list(MeasureEntry.objects.values_list("progress", flat=True)) == [60, 20]


def test_the_figures_protect_the_targets_and_measures_they_name(
    report: ProgressReport, project: Project, clerk_user: User
) -> None:
    _draft(report, clerk_user, project)

    with pytest.raises(ProtectedError):
        Target.objects.filter(project=project).delete()
    with pytest.raises(ProtectedError):
        Measure.objects.filter(project=project).delete()
