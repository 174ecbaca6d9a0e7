"""A report's history reads in the reader's language: the stored codes are worded when shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.test import Client
from django.urls import reverse

from reformtrack.reporting import services
from reformtrack.reporting.models import ProgressReport

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _history(client: Client, report: ProgressReport, language: str) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(reverse("reporting:report_detail", args=[report.pk])).content.decode()
    start = page.index('data-testid="report-history"')
    return page[start : page.index("</table>", start)]


def test_saved_submitted_and_returned_read_chinese_in_chinese_and_english_in_english(
    report: ProgressReport, clerk_user: User, office_user: User, client: Client
) -> None:
    report = services.report_save_draft(
        report=report, by=clerk_user, version=report.version, done="已完成调研"
    )
    report = services.report_submit(report=report, by=clerk_user, version=report.version)
    services.report_return(report=report, by=office_user, version=report.version, comment="请补充")
    client.force_login(office_user)

    chinese = _history(client, report, "zh-hans")
    english = _history(client, report, "en")

    for word in ("保存：工作进展", "提交", "退回"):
        assert word in chinese
    for word in ("saved", "submitted", "returned"):
        assert word not in chinese
        assert word in english
