"""A draft bulletin (通报) renders as a .docx that python-docx opens, listing the overdue items."""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document

from reformtrack.ledger.models import Project, Unit
from reformtrack.supervision.bulletin import bulletin_docx, bulletin_draft

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from .conftest import IssueOrder

pytestmark = pytest.mark.django_db


def _texts(content: bytes) -> tuple[list[str], list[list[str]]]:
    document = Document(io.BytesIO(content))
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    cells = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    return paragraphs, cells


def test_it_lists_overdue_items_and_open_orders(
    issue: IssueOrder, project: Project, own_unit: Unit, other_project: Project
) -> None:
    Project.objects.filter(pk=other_project.pk).update(status="completed")
    order = issue(unit=own_unit, project=project)

    content = bulletin_docx(bulletin_draft(number="督查通报〔2014〕3号", today=dt.date(2014, 9, 1)))

    paragraphs, cells = _texts(content)
    assert paragraphs[:2] == ["全面深化改革工作督查通报", "督查通报〔2014〕3号"]
    assert paragraphs[-1] == "2014年9月1日"
    assert "二、逾期未完成事项" in paragraphs and "三、督办事项" in paragraphs
    titles = [row[1] for row in cells]
    # both fixture projects are titled alike; the completed one is left out
    assert titles.count(f"{project.label}{project.title}") == 1
    assert any(row[0] == order.number and row[1] == own_unit.name for row in cells)


def test_it_is_served_to_the_offices(project: Project, client: Client, supervision_user: User) -> None:
    client.force_login(supervision_user)

    response = client.get(reverse("supervision:bulletin_docx"), {"number": "督查通报〔2026〕9号"})

    paragraphs, cells = _texts(response.content)
    assert paragraphs[1] == "督查通报〔2026〕9号"
    assert any(row[1] == f"{project.label}{project.title}" for row in cells)
