"""Migration reporting/0003_evidence_checks on a site that already holds the same file several times
on one report: the first copy stays, the later ones are archived (kept), and the constraint holds."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from reformtrack.ledger.models import Project, Unit
from reformtrack.reporting.models import ProgressReport, ReportingCycle

from .conftest import PERIOD

BEFORE = [("reporting", "0002_protect_work")]
AFTER = [("reporting", "0003_evidence_checks")]


@pytest.mark.django_db(transaction=True)
def test_copies_uploaded_before_the_check_are_archived_not_lost(
    report: ProgressReport, project: Project, lead_unit: Unit, cycle: ReportingCycle
) -> None:
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    try:
        executor.migrate(BEFORE)
        old = executor.loader.project_state(BEFORE).apps.get_model("reporting", "Evidence")
        made = [
            old.objects.create(
                report_id=report.pk,
                file=f"reports/x/{n}",
                original_name=f"{n}.pdf",
                content_type="application/pdf",
                size=1,
                sha256=sha,
            )
            for n, sha in enumerate(["a" * 64, "a" * 64, "b" * 64, "a" * 64])
        ]
        executor = MigrationExecutor(connection)
        executor.migrate(AFTER)
    finally:  # the schema the other tests expect, whatever happened here
        executor = MigrationExecutor(connection)
        executor.migrate(latest)

    new = executor.loader.project_state(AFTER).apps.get_model("reporting", "Evidence")
    kept = set(new.objects.filter(archived_at__isnull=True).values_list("pk", flat=True))
    assert kept == {made[0].pk, made[2].pk}
    assert new.objects.count() == 4  # nothing deleted
    assert ProgressReport.objects.filter(pk=report.pk, period_start=PERIOD).exists()
