"""A bulletin (通报) renders as a .docx that python-docx opens: title, number, sections, tables, date."""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from docx import Document

from reformtrack.core.official_docx import chinese_date
from reformtrack.ledger.models import Project, Unit
from reformtrack.supervision.bulletin import bulletin_draft
from reformtrack.supervision.bulletin_docx import bulletin_docx
from reformtrack.supervision.services import bulletin_issue

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from .conftest import IssueOrder, MakeBulletin

pytestmark = pytest.mark.django_db


def texts(content: bytes) -> tuple[list[str], list[list[str]]]:
    """The paragraphs and the table rows of a .docx."""
    document = Document(io.BytesIO(content))
    paragraphs = [paragraph.text for paragraph in document.paragraphs if paragraph.text]
    cells = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    return paragraphs, cells


def test_it_lists_overdue_items_and_open_orders(
    issue: IssueOrder, project: Project, own_unit: Unit, other_project: Project
) -> None:
    Project.objects.filter(pk=other_project.pk).update(status="completed")
    order = issue(unit=own_unit, project=project)

    content = bulletin_docx(bulletin_draft(number="督查通报〔2014〕3号", today=dt.date(2014, 9, 1)))

    paragraphs, cells = texts(content)
    # the masthead (issuer, number), the title; the signature's date; the 印发 line last
    assert paragraphs[:3] == ["区委（政府）督查室", "督查通报〔2014〕3号", "全面深化改革工作督查通报"]
    assert paragraphs[-4:-1] == [
        "区委（政府）督查室",
        "2014年9月1日",
        "\u3000抄送：区委、区政府领导，区全面深化改革领导小组办公室。",
    ]
    assert paragraphs[-1] == "\u3000区委（政府）督查室\t2014年9月1日印发"
    assert "四、逾期未完成事项" in paragraphs and "八、督办事项" in paragraphs
    overdue_rows = [row for row in cells if len(row) == 8 and row[0] != "序号"]
    # one row per project, named with its plan
    assert [row[1] for row in overdue_rows] == [project.plan.title]
    titles = [row[2] for row in overdue_rows]
    # both fixture projects are titled alike; the completed one is left out
    assert titles.count(f"{project.label}{project.title}") == 1
    assert any(row[0] == order.number and row[1] == own_unit.name for row in cells)


def test_the_stored_bulletin_prints_its_number_and_issue_date(
    project: Project, make_bulletin: MakeBulletin, client: Client, supervision_user: User
) -> None:
    bulletin = make_bulletin(start=dt.date(2014, 1, 1), end=dt.date(2014, 6, 30))
    bulletin_issue(by=supervision_user, bulletin=bulletin, version=bulletin.version)
    client.force_login(supervision_user)

    response = client.get(reverse("supervision:bulletin_docx", args=[bulletin.pk]))

    paragraphs, cells = texts(response.content)
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert paragraphs[1] == bulletin.number
    assert bulletin.number.startswith("督查通报〔") and bulletin.number.endswith("〕1号")
    assert bulletin.issued_at is not None
    assert paragraphs[-3] == chinese_date(timezone.localdate(bulletin.issued_at))
    assert paragraphs[-1].endswith(f"{paragraphs[-3]}印发")
    assert any(row[2] == f"{project.label}{project.title}" for row in cells if len(row) == 8)
