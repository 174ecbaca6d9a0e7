"""The Excel 台账 of the project library: the visible projects, the list's filters applied."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.http import FileResponse
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from reformtrack.ingest.read_sheet import read_sheet
from reformtrack.ingest.sheet_plan import read_ledger
from reformtrack.ingest.sheet_progress import progress_rows
from reformtrack.ledger.export import LEDGER_COLUMNS
from reformtrack.ledger.models import Plan, Project

pytestmark = pytest.mark.django_db

BuildPlan = Callable[..., Plan]


def download(client: Client, **params: str | int) -> list[list[object]]:
    response = client.get(reverse("web:project_export"), params)
    assert response.status_code == 200
    assert isinstance(response, FileResponse)
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].startswith("attachment;")
    assert ".xlsx" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook["台账"]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_it_writes_one_row_per_measure_with_the_ledgers_columns(
    web_plan: Plan, client: Client, office_user: User
) -> None:
    client.force_login(office_user)

    rows = download(client)

    header, body = rows[0], rows[1:]
    assert header == ["方案", *[name for name, _width in LEDGER_COLUMNS], "区领导", "状态", "进度", "状态灯"]
    # 2 chapters × 2 projects × 2 measures, and each sub-item's one measure
    assert len(body) == 2 * 2 * 2 + 2 * 2
    first = dict(zip(header, body[0], strict=True))
    assert first["方案"] == web_plan.title
    assert first["项目"] == "（1）项目1-1"
    assert first["举措"] == "举措1-1-1"
    assert first["牵头单位"] == "区经济促进局"
    assert first["配合单位"] == "区科技创新局"
    assert first["状态"] == "未启动"
    assert first["进度"] == 0  # a number in a percent format (tests/core/test_spreadsheet.py)
    assert first["状态灯"] == "严重滞后"  # judged at import: the fixture plan was due in 2013


def test_it_applies_the_lists_filters(big_plan: BuildPlan, client: Client, office_user: User) -> None:
    big_plan(16)
    client.force_login(office_user)

    rows = download(client, q="营销", sort="-progress")

    projects = [row[2] for row in rows[1:]]
    expected = Project.objects.filter(title__contains="营销").order_by("-progress")
    assert projects == [f"{p.label}{p.title}" for p in expected]


def test_it_exports_only_what_the_user_may_see(
    web_plan: Plan, other_plan: Plan, client: Client, clerk_user: User
) -> None:
    client.force_login(clerk_user)

    rows = download(client)

    assert {row[0] for row in rows[1:]} == {web_plan.title}


def test_it_exports_a_header_only_when_nothing_matches(
    web_plan: Plan, client: Client, office_user: User
) -> None:
    client.force_login(office_user)

    rows = download(client, q="航天")

    assert len(rows) == 1


def test_it_links_the_export_with_the_current_filters(
    web_plan: Plan, client: Client, office_user: User
) -> None:
    client.force_login(office_user)

    response = client.get(reverse("ledger:project_list"), {"q": "项目", "status": "in_progress"})

    assert reverse("web:project_export") + "?q=%E9%A1%B9%E7%9B%AE&amp;status=in_progress" in (
        response.content.decode()
    )


def test_it_keeps_formula_like_text_as_text(
    store_plan: Callable[..., Plan], client: Client, office_user: User
) -> None:
    store_plan(b"formula", title="=cmd|' /C calc'!A0", lead_units=("@SUM（1）局",), co_units=("+1局",))
    client.force_login(office_user)

    response = client.get(reverse("web:project_export"))

    assert isinstance(response, FileResponse)
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content)))["台账"]
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    assert {cell.value for cell in cells} >= {"=cmd|' /C calc'!A0", "@SUM（1）局", "+1局"}
    assert {cell.data_type for cell in cells if isinstance(cell.value, str)} == {"s"}


def test_the_library_export_reads_back_as_a_progress_update(
    web_plan: Plan, client: Client, office_user: User
) -> None:
    Project.objects.filter(plan=web_plan).update(progress=100, progress_note="已全面完成")
    client.force_login(office_user)
    response = client.get(reverse("web:project_export"))
    assert isinstance(response, FileResponse)
    data = b"".join(response.streaming_content)

    rows = progress_rows(read_ledger(read_sheet(data, "台账.xlsx"), "台账.xlsx"))

    # 100% is the number 1 in a percent format: read as the percent it shows, not as 1 point
    assert rows and {(row.percent, row.note) for row in rows} == {(100, "已全面完成")}
