"""The study as a .docx in the official layout, read back with python-docx."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document

from reformtrack.core.official_docx import BODY_FONT, TITLE_SIZE

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from reformtrack.studies.models import Study

pytestmark = pytest.mark.django_db


def _document(client: Client, study: Study) -> Document:  # type: ignore[valid-type]
    response = client.get(reverse("studies:docx", args=[study.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return Document(io.BytesIO(response.content))


def test_the_docx_holds_the_study_in_the_official_layout(
    filled: Study, leader_user: User, client: Client
) -> None:
    client.force_login(leader_user)

    document = _document(client, filled)

    texts = [paragraph.text for paragraph in document.paragraphs]
    assert texts[0] == "区经济促进局"  # the lead unit's masthead
    assert "（草稿，签发时编号）" in texts  # a draft carries no number
    title = next(p for p in document.paragraphs if p.text.endswith("决策前研究论证报告"))
    assert title.runs[0].font.size == TITLE_SIZE
    for heading in ("一、研究背景", "二、备选方案", "三、征求意见情况", "四、决策情况"):
        assert heading in texts
    assert "（一）方案一（采纳）" in texts
    assert "决策文件：《关于设立区企业服务中心的通知》（罗发〔2013〕3号）。" in texts
    assert "决策日期：2013年10月8日。" in texts
    body = next(p for p in document.paragraphs if p.text == "企业办事环节多、时间长。")
    assert body.runs[0].font.name == BODY_FONT
    table = document.tables[0]
    assert [cell.text for cell in table.rows[0].cells] == [
        "征求意见对象",
        "方式",
        "日期",
        "主要意见",
        "采纳情况",
    ]
    assert [cell.text for cell in table.rows[1].cells][:3] == [
        "区政协委员、企业代表",
        "听证会",
        "2013年9月10日",
    ]
    assert document.sections[0].page_width.mm == pytest.approx(210, abs=0.5)


def test_the_printable_view_has_the_record_without_forms(
    filled: Study, clerk_user: User, client: Client
) -> None:
    client.force_login(clerk_user)

    page = client.get(reverse("studies:print", args=[filled.pk])).content.decode()

    assert "区政协委员、企业代表" in page and "设立企业服务中心" in page
    assert "<form" not in page.split('data-testid="study-print-view"')[1]
