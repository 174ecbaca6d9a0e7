"""Figures under concurrency on PostgreSQL: of two saves from the same version one stores its
figures and the other none; the ledger gets the figures only if the acceptance wins over a return."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.db import connection

from reformtrack.ledger.models import Project, TargetValue
from reformtrack.reporting.errors import ConcurrentReview
from reformtrack.reporting.models import ProgressReport, TargetEntry
from reformtrack.reporting.services import (
    MeasureInput,
    TargetInput,
    report_accept,
    report_return,
    report_save_with_figures,
    report_submit,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgresql_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL's row locks")


def _race(actions: dict[str, Callable[[], object]]) -> dict[str, str]:
    """Run the actions at the same moment: ``{name: "done" | "refused"}``."""
    start = threading.Barrier(len(actions))
    outcomes: dict[str, str] = {}

    def act(name: str) -> None:
        start.wait()
        try:
            actions[name]()
            outcomes[name] = "done"
        except ConcurrentReview:
            outcomes[name] = "refused"
        finally:
            connection.close()

    threads = [threading.Thread(target=act, args=(name,)) for name in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def _save(report_id: int, by: User, project: Project, value: str, version: int) -> Callable[[], object]:
    def run() -> object:
        return report_save_with_figures(
            report=ProgressReport.objects.get(pk=report_id),
            by=by,
            version=version,
            done=f"完成调研{value}",
            targets=[
                TargetInput(target=project.targets.get(), value=Decimal(value), date=dt.date(2014, 3, 31))
            ],
            measures=[MeasureInput(measure=m, progress=int(value)) for m in project.measures.all()],
        )

    return run


def test_of_two_simultaneous_saves_one_stores_its_figures_and_the_other_none(
    report: ProgressReport, project: Project, clerk_user: User, unit_lead_user: User
) -> None:
    outcomes = _race(
        {
            "20": _save(report.pk, clerk_user, project, "20", report.version),
            "80": _save(report.pk, unit_lead_user, project, "80", report.version),
        }
    )

    assert sorted(outcomes.values()) == ["done", "refused"]
    winner = next(name for name, outcome in outcomes.items() if outcome == "done")
    assert TargetEntry.objects.get().value == Decimal(winner)
    stored = ProgressReport.objects.get(pk=report.pk)
    assert (stored.done, stored.percent_complete) == (f"完成调研{winner}", int(winner))


def test_the_ledger_gets_the_figures_only_if_the_acceptance_wins(
    report: ProgressReport, project: Project, clerk_user: User, office_user: User
) -> None:
    _save(report.pk, clerk_user, project, "60", report.version)()
    report = report_submit(
        report=ProgressReport.objects.get(pk=report.pk), by=clerk_user, version=report.version + 1
    )
    version = report.version

    outcomes = _race(
        {
            "accept": lambda: report_accept(
                report=ProgressReport.objects.get(pk=report.pk), by=office_user, version=version
            ),
            "return": lambda: report_return(
                report=ProgressReport.objects.get(pk=report.pk),
                by=office_user,
                version=version,
                comment="请核实",
            ),
        }
    )

    assert sorted(outcomes.values()) == ["done", "refused"]
    accepted = outcomes["accept"] == "done"
    assert TargetValue.objects.count() == (1 if accepted else 0)
    assert list(project.measures.values_list("progress", flat=True)) == ([60, 60] if accepted else [0, 0])
    assert Project.objects.get(pk=project.pk).progress == (60 if accepted else 0)
