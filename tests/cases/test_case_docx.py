"""One case and the filtered library as .docx in the official layout, read back with python-docx."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import TYPE_CHECKING

import docx
from django.urls import reverse
from docx.oxml.ns import qn

from reformtrack.cases.services import case_approve, case_submit
from reformtrack.core.official_docx import BODY_FONT, HEADING_FONT, TITLE_FONT
from reformtrack.ledger.models import TargetValue

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.test import Client

    from reformtrack.ledger.models import Project

    from .conftest import MakeCase


def _read(content: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(content))


def _east_asian_font(paragraph: object) -> str:
    run = paragraph.runs[0]  # type: ignore[attr-defined]
    return str(run._r.rPr.rFonts.get(qn("w:eastAsia")))


def test_one_case_prints_its_parts_and_frozen_figures(
    make_case: MakeCase, project: Project, client: Client, clerk_user: User, office_user: User
) -> None:
    TargetValue.objects.create(target=project.targets.get(), date=dt.date(2014, 9, 30), value=Decimal("3"))
    case = make_case(summary="罗湖区三年建成3个网商集聚区。", keywords="电子商务，集聚区")
    case = case_submit(case=case, by=clerk_user, version=case.version)
    case = case_approve(case=case, by=office_user, version=case.version)
    client.force_login(clerk_user)

    response = client.get(reverse("cases:case_export", args=[case.pk]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    document = _read(response.content)
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "网商集聚区建设的罗湖经验"
    assert _east_asian_font(document.paragraphs[0]) == TITLE_FONT
    for heading in ("一、改革背景", "二、主要做法", "三、取得成效", "四、经验启示"):
        paragraph = document.paragraphs[texts.index(heading)]
        assert _east_asian_font(paragraph) == HEADING_FONT
    assert _east_asian_font(document.paragraphs[texts.index("设立专项资金，引进龙头企业。")]) == BODY_FONT
    assert "关键词：电子商务，集聚区" in texts
    assert "区经济促进局" in texts  # the lead unit signs
    day = case.approved_at.astimezone().date() if case.approved_at else None
    assert day is not None and f"{day.year}年{day.month}月{day.day}日" in texts
    table = document.tables[0]
    assert [cell.text for cell in table.rows[0].cells] == ["指标", "实际值", "截至", "完成度"]
    assert [cell.text for cell in table.rows[1].cells][:3] == [
        "打造2至3个网商集聚区",
        "3 个",
        "2014年9月30日",
    ]


def test_the_selection_is_one_collection_in_the_librarys_order(
    make_case: MakeCase, client: Client, office_user: User
) -> None:
    make_case(title="1号：网商集聚区")
    make_case(title="2号：商事登记", actions="一网通办")
    make_case(title="3号：社区治理")
    client.force_login(office_user)

    response = client.get(reverse("cases:library_export"), {"sort": "title", "q": "网"})

    assert response.status_code == 200
    texts = [p.text for p in _read(response.content).paragraphs]
    assert texts[0] == "改革案例汇编"
    headings = [text for text in texts if text[:2] in ("一、", "二、", "三、")]
    assert headings == ["一、1号：网商集聚区", "二、2号：商事登记"]
    assert "（二）主要做法" in texts and "一网通办" in texts
