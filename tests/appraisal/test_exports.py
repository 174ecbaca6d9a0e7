"""The rankings export as Excel and as an official .docx, read back."""

from __future__ import annotations

import io

import docx
import openpyxl
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from reformtrack.appraisal.services import appraisal_compute, appraisal_publish

from .conftest import AS_OF, STREET, UNIT_A, UNIT_B, Small


def test_the_workbook_holds_the_ranking_and_the_rules(
    small: Small, office_user: User, client: Client
) -> None:
    run = appraisal_compute(scheme=small.scheme, by=office_user, as_of=AS_OF)
    client.force_login(office_user)

    response = client.get(reverse("appraisal:export_xlsx", args=[run.pk]))

    book = openpyxl.load_workbook(io.BytesIO(response.content))
    ranking = [[cell.value for cell in row] for row in book.worksheets[0].iter_rows()]
    assert ranking[0][:3] == ["排名类别", "名次", "单位"]
    assert ranking[0][-1] == "总分"
    totals = {row[2]: float(str(row[-1])) for row in ranking[1:]}
    assert totals == {UNIT_A: 60.0, UNIT_B: 30.0, STREET: 101.0}
    rules = [[cell.value for cell in row] for row in book.worksheets[1].iter_rows()]
    assert any(row[0] == UNIT_B and "应报1次，按时0次" in str(row[3]) for row in rules)


def test_the_official_document_lists_each_group_in_rank_order(
    small: Small, office_user: User, client: Client
) -> None:
    run = appraisal_publish(
        run=appraisal_compute(scheme=small.scheme, by=office_user, as_of=AS_OF), by=office_user
    )
    client.force_login(office_user)

    response = client.get(reverse("appraisal:export_docx", args=[run.pk]))

    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "关于2014年度各单位绩效考核结果的通报" in text
    assert "一、区直部门" in text and "二、街道办事处" in text
    departments, streets = (
        [[cell.text for cell in row.cells] for row in table.rows] for table in document.tables
    )
    assert [row[1] for row in departments[1:]] == [UNIT_A, UNIT_B]
    assert departments[1][0] == "1" and departments[1][-1] == "60.00"
    assert streets[1][1] == STREET


def test_a_unit_exports_only_its_own_result(
    small: Small, office_user: User, clerk_user: User, client: Client
) -> None:
    run = appraisal_publish(
        run=appraisal_compute(scheme=small.scheme, by=office_user, as_of=AS_OF), by=office_user
    )
    client.force_login(clerk_user)

    response = client.get(reverse("appraisal:export_xlsx", args=[run.pk]))

    rows = list(
        openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True)
    )
    assert [row[2] for row in rows[1:]] == [UNIT_A]
