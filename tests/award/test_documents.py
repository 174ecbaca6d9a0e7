"""The certificates and the announcement, read back with python-docx."""

from __future__ import annotations

import io

from django.urls import reverse
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from reformtrack.award import services
from reformtrack.award.documents import announcement_docx, certificates_docx
from reformtrack.award.selectors import winners
from reformtrack.core.official_docx import BODY_FONT, TITLE_FONT, chinese_date

from .conftest import AwardWorld, checked


def _announced(world: AwardWorld) -> None:
    own, other = checked(world)
    services.decision_set(by=world.office, nomination=own, prize="first", reason="成效显著")
    services.decision_set(by=world.office, nomination=other, prize="second", reason="有推广价值")
    services.call_announce(by=world.office, call=world.call)
    world.call.refresh_from_db()


def _east_asian(run: object) -> str:
    return str(run._r.rPr.rFonts.get(qn("w:eastAsia")))  # type: ignore[attr-defined]


def test_a_certificate_is_a_landscape_page_in_the_official_fonts(award_world: AwardWorld) -> None:
    _announced(award_world)
    found = winners(award_world.call)

    document = Document(io.BytesIO(certificates_docx(found[:1])))

    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE and section.page_width > section.page_height
    texts = [p.text for p in document.paragraphs if p.text]
    assert texts[:3] == [
        "荣誉证书",
        "区经济促进局：",
        f"你单位申报的《商事登记制度改革》荣获{award_world.call.year}年度罗湖创新奖一等奖。特发此证，以资鼓励。",
    ]
    assert texts[-1] == chinese_date(award_world.call.announced_on)  # type: ignore[arg-type]
    title = next(p for p in document.paragraphs if p.text == "荣誉证书")
    assert _east_asian(title.runs[0]) == TITLE_FONT
    assert _east_asian(document.paragraphs[1].runs[0]) == BODY_FONT


def test_all_certificates_come_in_one_file_a_page_each(award_world: AwardWorld) -> None:
    _announced(award_world)

    document = Document(io.BytesIO(certificates_docx(winners(award_world.call))))

    assert [p.text for p in document.paragraphs].count("荣誉证书") == 2
    assert document.element.xml.count('w:type="page"') == 1


def test_the_announcement_is_an_official_document(award_world: AwardWorld) -> None:
    _announced(award_world)
    call = award_world.call

    document = Document(io.BytesIO(announcement_docx(call, winners(call))))

    texts = [p.text for p in document.paragraphs if p.text]
    assert f"关于{call.year}年度罗湖创新奖评选结果的通报" in texts
    assert f"罗创奖〔{call.year}〕1号" in texts
    assert texts.index("一、一等奖（1项）") < texts.index("1. 区经济促进局：《商事登记制度改革》")
    assert texts.index("二、二等奖（1项）") < texts.index("1. 区财政局：《预算公开改革》")
    assert chinese_date(call.announced_on) in texts  # type: ignore[arg-type]


def test_a_winners_staff_download_the_certificate(award_world: AwardWorld, client: object) -> None:
    _announced(award_world)
    own = winners(award_world.call)[0]
    client.force_login(award_world.clerk)  # type: ignore[attr-defined]

    response = client.get(reverse("award:certificate_docx", args=[own.pk]))  # type: ignore[attr-defined]

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert "荣誉证书" in [p.text for p in Document(io.BytesIO(response.content)).paragraphs]
