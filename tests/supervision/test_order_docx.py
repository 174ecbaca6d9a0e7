"""The printable supervision order (督办单): a .docx in the official layout with the order's number,
unit, project, matter, deadline and requirements, served to whoever may read the order."""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from docx import Document
from docx.oxml.ns import qn
from docx.shared import RGBColor

from reformtrack.ledger.models import Project, Unit

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from .conftest import IssueOrder

pytestmark = pytest.mark.django_db


def _texts(content: bytes) -> list[str]:
    return [paragraph.text for paragraph in Document(io.BytesIO(content)).paragraphs if paragraph.text]


def test_the_unit_downloads_its_order_in_the_official_layout(
    issue: IssueOrder, project: Project, own_unit: Unit, client: Client, clerk_user: User
) -> None:
    order = issue(unit=own_unit, project=project, measure=project.measures.get(), grade="yellow")
    client.force_login(clerk_user)

    response = client.get(reverse("supervision:order_docx", args=[order.pk]))

    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert "filename" in response["Content-Disposition"]
    document = Document(io.BytesIO(response.content))
    section = document.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert [round(section.page_width.mm), round(section.page_height.mm)] == [210, 297]
    texts = _texts(response.content)
    issued = timezone.localdate(order.issued_at)
    date = f"{issued.year}年{issued.month}月{issued.day}日"
    # the coordinating office issued it (the fixture's office user): its name heads the masthead
    assert texts[:4] == ["区全面深化改革领导小组办公室", order.number, "督办单", f"{own_unit.name}："]
    assert order.number.startswith("督办〔")
    masthead = document.paragraphs[0].runs[0]
    assert masthead.font.color.rgb == RGBColor(0xFF, 0, 0)
    for expected in (
        "一、督办事项",
        "（二）改革项目",
        f"{project.label}{project.title}",
        project.measures.get().text,
        "进度滞后",
        "二、办理时限",
        f"请于{2014}年7月1日前将办理情况书面报送区全面深化改革领导小组办公室。",
        "限期整改并书面报告",
        date,
    ):
        assert expected in texts, expected
    assert texts[-2:] == [
        "\u3000抄送：区委（政府）督查室。",
        f"\u3000区全面深化改革领导小组办公室\t{date}印发",
    ]
    heading = next(p for p in document.paragraphs if p.text == "（一）所属方案").runs[0]
    fonts = heading.element.rPr.rFonts  # type: ignore[union-attr]
    assert fonts is not None and fonts.get(qn("w:eastAsia")) == "楷体_GB2312"
    footer = section.footer.paragraphs[0]
    assert [node.text for node in footer._p.iter(qn("w:instrText"))] == [" PAGE "]


@override_settings(DOCUMENT_COORDINATING_OFFICE="区委办公室")
def test_the_issuer_name_comes_from_the_settings(
    issue: IssueOrder, project: Project, own_unit: Unit, client: Client, office_user: User
) -> None:
    order = issue(unit=own_unit, project=project)
    client.force_login(office_user)

    texts = _texts(client.get(reverse("supervision:order_docx", args=[order.pk])).content)

    assert texts[0] == "区委办公室"


def test_another_unit_does_not_see_the_order(
    issue: IssueOrder, other_project: Project, other_unit: Unit, client: Client, clerk_user: User
) -> None:
    order = issue(unit=other_unit, project=other_project, response_due=dt.date(2014, 7, 1))
    client.force_login(clerk_user)

    assert client.get(reverse("supervision:order_docx", args=[order.pk])).status_code == 404


def test_the_order_page_links_the_download(
    issue: IssueOrder, project: Project, own_unit: Unit, client: Client, clerk_user: User
) -> None:
    order = issue(unit=own_unit, project=project)
    client.force_login(clerk_user)

    page = client.get(reverse("supervision:order_detail", args=[order.pk])).content.decode()

    assert reverse("supervision:order_docx", args=[order.pk]) in page
