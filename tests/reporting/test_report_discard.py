"""Discarding a report draft cannot be undone: the form links to a page that asks, and only a POST
carrying the confirmation clears the draft; its texts, figures and files stay in the history."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from reformtrack.ledger.models import Project
from reformtrack.reporting.entry_services import MeasureInput
from reformtrack.reporting.errors import ReportError
from reformtrack.reporting.models import Evidence, MeasureEntry, ProgressReport
from reformtrack.reporting.services import (
    evidence_add,
    report_discard,
    report_save_with_figures,
    report_submit,
)

from .conftest import PDF

if TYPE_CHECKING:
    from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db


def _filled(report: ProgressReport, project: Project, clerk: User) -> ProgressReport:
    measure = project.measures.order_by("position").first()
    report = report_save_with_figures(
        report=report,
        by=clerk,
        version=report.version,
        targets=[],
        measures=[MeasureInput(measure=measure, progress=60)] if measure else [],
        done="走访企业三十家",
        problems="资金尚未到位",
    )
    evidence_add(report=report, by=clerk, upload=SimpleUploadedFile("纪要.pdf", PDF))
    report.refresh_from_db()
    return report


def test_the_form_asks_and_only_the_confirmation_discards(
    report: ProgressReport, project: Project, client: Client, clerk_user: User
) -> None:
    report = _filled(report, project, clerk_user)
    client.force_login(clerk_user)
    url = reverse("reporting:report_discard", args=[report.pk])
    edit = client.get(reverse("reporting:report_edit", args=[report.pk])).content.decode()

    question = client.get(url, {"version": report.version})
    unconfirmed = client.post(url, {"version": report.version})
    report.refresh_from_db()
    texts_after_asking = (report.done, report.problems)
    confirmed = client.post(url, {"version": report.version, "confirm": "yes"})
    report.refresh_from_db()

    assert 'data-testid="report-discard"' in edit and url in edit
    assert question.status_code == 200 and 'name="confirm" value="yes"' in question.content.decode()
    assert (
        unconfirmed.status_code == 200
        and 'data-testid="report-discard-confirm"' in unconfirmed.content.decode()
    )
    assert texts_after_asking == ("走访企业三十家", "资金尚未到位")
    assert confirmed.status_code == 302
    assert (report.status, report.done, report.problems) == ("draft", "", "")
    assert not Evidence.objects.filter(report=report, archived_at__isnull=True).exists()
    assert Evidence.objects.filter(report=report).count() == 1  # archived, not deleted
    assert all(entry.progress is None for entry in MeasureEntry.objects.filter(report=report))
    # the history keeps what the draft held
    assert "走访企业三十家" in report.history.values_list("done", flat=True)
    assert report.history.first().history_change_reason == "discarded"


def test_a_stale_confirmation_discards_nothing(
    report: ProgressReport, project: Project, client: Client, clerk_user: User
) -> None:
    report = _filled(report, project, clerk_user)
    client.force_login(clerk_user)

    client.post(
        reverse("reporting:report_discard", args=[report.pk]),
        {"version": report.version - 1, "confirm": "yes"},
    )

    report.refresh_from_db()
    assert report.done == "走访企业三十家"


def test_a_submitted_report_is_not_discarded(
    report: ProgressReport, project: Project, clerk_user: User, office_user: User
) -> None:
    report = _filled(report, project, clerk_user)
    report = report_submit(report=report, by=clerk_user, version=report.version)

    with pytest.raises(ReportError):
        report_discard(report=report, by=clerk_user, version=report.version)
    with pytest.raises((PermissionDenied, ReportError)):
        report_discard(report=report, by=office_user, version=report.version)
    report.refresh_from_db()
    assert (report.status, report.done) == ("submitted", "走访企业三十家")
