"""Two reviewers acting on the same report at once: one wins, the other is told who, nothing lost."""

from __future__ import annotations

import threading

import pytest
from django.contrib.auth.models import User
from django.db import connection

from reformtrack.ledger.models import Project
from reformtrack.reporting.choices import ReportStatus
from reformtrack.reporting.errors import ConcurrentReview
from reformtrack.reporting.models import ProgressReport
from reformtrack.reporting.services import report_accept, report_return, report_save_draft, report_submit


def _submitted(report: ProgressReport, clerk_user: User) -> ProgressReport:
    report = report_save_draft(report=report, by=clerk_user, version=1, done="完成调研", percent_complete=70)
    return report_submit(report=report, by=clerk_user, version=report.version)


@pytest.mark.django_db
def test_the_second_of_two_reviews_from_the_same_version_is_refused(
    report: ProgressReport, clerk_user: User, office_user: User, make_user: object
) -> None:
    report = _submitted(report, clerk_user)
    version = report.version
    report_accept(report=ProgressReport.objects.get(pk=report.pk), by=office_user, version=version)

    with pytest.raises(ConcurrentReview) as refused:
        report_return(
            report=ProgressReport.objects.get(pk=report.pk), by=office_user, version=version, comment="退回"
        )

    assert refused.value.acted_by == office_user
    assert refused.value.report.status == ReportStatus.ACCEPTED


@pytest.mark.django_db(transaction=True)
def test_it_lets_one_of_two_simultaneous_reviews_through(
    report: ProgressReport, project: Project, clerk_user: User, office_user: User
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL's row locks")
    report = _submitted(report, clerk_user)
    version = report.version
    start = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def act(kind: str) -> None:
        start.wait()
        try:
            mine = ProgressReport.objects.get(pk=report.pk)
            if kind == "accept":
                report_accept(report=mine, by=office_user, version=version)
            else:
                report_return(report=mine, by=office_user, version=version, comment="请补充")
            outcomes[kind] = "done"
        except ConcurrentReview as refused:
            outcomes[kind] = f"refused:{refused.acted_by}"
        finally:
            connection.close()

    threads = [threading.Thread(target=act, args=(kind,)) for kind in ("accept", "return")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcome.split(":")[0] for outcome in outcomes.values()) == ["done", "refused"]
    winner = next(kind for kind, outcome in outcomes.items() if outcome == "done")
    stored = ProgressReport.objects.get(pk=report.pk)
    assert stored.version == version + 1
    assert stored.status == (ReportStatus.ACCEPTED if winner == "accept" else ReportStatus.RETURNED)
    assert report.history.filter(history_change_reason__in=["accepted", "returned"]).count() == 1
    # the project's progress moved only if the acceptance won
    assert Project.objects.get(pk=project.pk).progress == (70 if winner == "accept" else project.progress)
