"""The pre-decision study as .docx in the layout of official documents (GB/T 9704,
:mod:`~reformtrack.core.official_docx`): the lead unit's masthead, the title
《project》决策前研究论证报告, the coordinating office as recipient, then 一、研究背景,
二、备选方案 (each option a （一） heading with its assessment, the chosen one marked),
三、征求意见情况 (a table of who was consulted, how, when, what they said and how it was taken
into account), 四、决策情况 (the decision, the deciding body and date, the decision document by
title and number), the signature with the date the study was submitted (or today for a draft) and
the 抄送 / 印发 block. The document is Chinese whatever the reader's language."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from reformtrack.core.official_docx import Letterhead, OfficialDocument, chinese_date
from reformtrack.ingest.numerals import int_to_chinese

from .choices import ConsultationMethod, StudyStatus
from .models import Consultation, Study, StudyOption

# The methods as an official document writes them, whatever the reader's language.
METHOD_NAMES = {
    ConsultationMethod.HEARING: "听证会",
    ConsultationMethod.EXPERT: "专家论证",
    ConsultationMethod.PUBLIC_COMMENT: "公开征求意见",
    ConsultationMethod.SYMPOSIUM: "座谈会",
    ConsultationMethod.DEPARTMENTAL: "部门会签",
    ConsultationMethod.OTHER: "其他",
}
CONSULTATION_HEADER = ["征求意见对象", "方式", "日期", "主要意见", "采纳情况"]
DRAFT_NUMBER = "（草稿，签发时编号）"


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def study_letterhead(study: Study, lead_units: list[str]) -> Letterhead:
    """The lead unit issues the study to the coordinating office; dated when it was submitted."""
    issuer = "、".join(lead_units) or str(settings.DOCUMENT_COORDINATING_OFFICE)
    submitted = study.submitted_at if study.status != StudyStatus.DRAFT else None
    return Letterhead(
        issuer=issuer,
        number=DRAFT_NUMBER if study.status == StudyStatus.DRAFT else "",
        date=timezone.localdate(submitted) if submitted is not None else timezone.localdate(),
        recipients=str(settings.DOCUMENT_COORDINATING_OFFICE),
    )


def _options(document: OfficialDocument, options: list[StudyOption]) -> None:
    document.heading("二、备选方案")
    if not options:
        document.paragraph("无。")
    for index, option in enumerate(options, start=1):
        mark = "（采纳）" if option.chosen else ""
        document.heading(f"（{int_to_chinese(index)}）方案{int_to_chinese(index)}{mark}")
        for line in _lines(option.description):
            document.paragraph(line)
        for line in _lines(option.assessment):
            document.paragraph(line)


def _consultations(document: OfficialDocument, consultations: list[Consultation]) -> None:
    document.heading("三、征求意见情况")
    if not consultations:
        document.paragraph("无。")
        return
    document.paragraph(f"共征求意见{len(consultations)}次，情况如下。")
    rows = [
        [
            entry.consulted,
            METHOD_NAMES.get(ConsultationMethod(entry.method), entry.method),
            chinese_date(entry.held_on),
            entry.opinions,
            entry.response,
        ]
        for entry in consultations
    ]
    document.table(CONSULTATION_HEADER, rows, document.table_styles("征求意见"))


def _decision(document: OfficialDocument, study: Study) -> None:
    document.heading("四、决策情况")
    for line in _lines(study.decision_text) or ["尚未决策。"]:
        document.paragraph(line)
    said = []
    if study.decision_body:
        said.append(f"决策机构：{study.decision_body}")
    if study.decision_date is not None:
        said.append(f"决策日期：{chinese_date(study.decision_date)}")
    if study.decision_title or study.decision_number:
        title = f"《{study.decision_title}》" if study.decision_title else ""
        number = f"（{study.decision_number}）" if study.decision_number else ""
        said.append(f"决策文件：{title}{number}")
    for line in said:
        document.paragraph(f"{line}。")


def study_docx(
    study: Study, *, options: list[StudyOption], consultations: list[Consultation], lead_units: list[str]
) -> bytes:
    """The study as a .docx in the official layout."""
    document = OfficialDocument(study_letterhead(study, lead_units))
    document.masthead()
    project = study.project
    document.title(f"《{project.title}》决策前研究论证报告")
    document.recipients()
    document.paragraph(
        f"根据《{project.plan.title}》的要求，现将{project.label}{project.title}的决策前研究论证情况报告如下。"
    )
    document.heading("一、研究背景")
    for line in _lines(study.background) or ["无。"]:
        document.paragraph(line)
    _options(document, options)
    _consultations(document, consultations)
    _decision(document, study)
    document.signature()
    document.record()
    return document.to_bytes()
