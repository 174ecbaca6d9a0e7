"""The printable supervision order (督办单) as .docx in the layout of official documents (GB/T 9704,
:mod:`~reformtrack.core.official_docx`): the issuing office's red masthead with the order's number,
the title, the addressed unit as recipient, what is supervised (plan, project, measure, why), by when, what is
required, the signature and date, and the 抄送 / 印发 block. The offices' names are the settings
``DOCUMENT_COORDINATING_OFFICE`` and ``DOCUMENT_SUPERVISION_OFFICE``."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from reformtrack.core.official_docx import Letterhead, OfficialDocument, chinese_date

from .choices import IssuingOffice
from .models import SupervisionOrder

GRADE_NAMES = {"blue": "蓝色", "yellow": "黄色", "red": "红色"}


def office_name(office: str) -> str:
    """The printed name of an issuing office, from the settings."""
    if office == IssuingOffice.COORDINATING:
        return str(settings.DOCUMENT_COORDINATING_OFFICE)
    return str(settings.DOCUMENT_SUPERVISION_OFFICE)


def order_letterhead(order: SupervisionOrder) -> Letterhead:
    """The order's issuer, number, issue date and recipient; the other office has a copy."""
    other = (
        IssuingOffice.SUPERVISION
        if order.issuing_office == IssuingOffice.COORDINATING
        else IssuingOffice.COORDINATING
    )
    return Letterhead(
        issuer=office_name(order.issuing_office),
        number=order.number,
        date=timezone.localdate(order.issued_at),
        recipients=order.unit.name,
        copy_to=office_name(other),
    )


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def order_docx(order: SupervisionOrder) -> bytes:
    """The order as a .docx in the official layout (one page for an order of usual length)."""
    letterhead = order_letterhead(order)
    document = OfficialDocument(letterhead)
    document.masthead()
    project = order.project
    document.title("督办单")
    document.recipients()
    grade = GRADE_NAMES.get(order.grade, "")
    document.paragraph(
        f"根据全面深化改革工作督查督办有关规定，现对你单位承担的下列事项予以{grade}督办，"
        "请认真研究，抓紧落实。"
    )
    document.heading("一、督办事项")
    document.heading("（一）所属方案")
    document.paragraph(project.plan.title)
    document.heading("（二）改革项目")
    document.paragraph(f"{project.label}{project.title}")
    if order.measure is not None:
        document.heading("（三）改革举措")
        document.paragraph(order.measure.text)
    document.heading(f"（{'四' if order.measure is not None else '三'}）督办事由")
    for line in _lines(order.reason):
        document.paragraph(line)
    document.heading("二、办理时限")
    document.paragraph(f"请于{chinese_date(order.response_due)}前将办理情况书面报送{letterhead.issuer}。")
    document.heading("三、办理要求")
    for line in _lines(order.requirements):
        document.paragraph(line)
    if order.escalated_from_id is not None and order.escalated_from is not None:
        document.paragraph(f"本督办单由{order.escalated_from.number}升级而来。")
    document.signature()
    document.record()
    return document.to_bytes()
