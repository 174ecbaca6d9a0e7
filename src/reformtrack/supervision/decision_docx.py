"""A decision (表扬与问责决定) as .docx in the layout of official documents (GB/T 9704,
:mod:`~reformtrack.core.official_docx`): the issuing office's red masthead with the decision's
number, the title naming the unit and the kind, the unit as recipient, why, the evidence, the
effect on the appraisal, for a rectification its deadline, the signature and date, and the
抄送 / 印发 block with the other office."""

from __future__ import annotations

from decimal import Decimal

from reformtrack.core.official_docx import Letterhead, OfficialDocument, chinese_date

from .choices import DecisionKind, IssuingOffice
from .models import Decision
from .order_docx import office_name

# The title of each kind; {unit} is the unit's name.
TITLES: dict[str, str] = {
    DecisionKind.COMMENDATION: "关于对{unit}予以通报表扬的决定",
    DecisionKind.INTERVIEW: "关于对{unit}主要负责人进行约谈的决定",
    DecisionKind.CRITICISM: "关于对{unit}予以通报批评的决定",
    DecisionKind.RECTIFICATION: "关于责令{unit}限期整改的决定",
    DecisionKind.REFERRAL: "关于将{unit}有关问题线索移送区纪委的决定",
}

# What is decided, as the body says it (Chinese whatever the reader's language).
DECIDED: dict[str, str] = {
    DecisionKind.COMMENDATION: "予以通报表扬",
    DecisionKind.INTERVIEW: "对其主要负责人进行约谈",
    DecisionKind.CRITICISM: "予以通报批评",
    DecisionKind.RECTIFICATION: "责令限期整改",
    DecisionKind.REFERRAL: "将有关问题线索移送区纪委",
}


def decision_title(decision: Decision) -> str:
    """关于对区财政局予以通报批评的决定: the printed title."""
    return TITLES[DecisionKind(decision.kind)].format(unit=decision.unit.name)


def points_text(points: Decimal) -> str:
    """在年度考核中加2分 / 扣2.5分: the effect on the appraisal in words, without a trailing .0."""
    size = abs(points).normalize()
    return f"在年度考核中{'加' if points > 0 else '扣'}{size:f}分"


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _evidence(document: OfficialDocument, decision: Decision) -> None:
    record = decision.record or {}
    for line in _lines(decision.evidence):
        document.paragraph(line)
    for project in record.get("overdue_projects", []):
        due = project.get("deadline", "")
        document.paragraph(f"逾期未完成：{project['label']}{project['title']}（完成时限{due}）。")
    for order in record.get("unanswered_orders", []):
        document.paragraph(
            f"逾期未回复：{order['number']}（{order['project']}，回复时限{order['response_due']}）。"
        )
    if not decision.evidence and not record:
        document.paragraph("见附件。")


def decision_docx(decision: Decision) -> bytes:
    """The decision as a .docx in the official layout."""
    other = (
        IssuingOffice.SUPERVISION
        if decision.issuing_office == IssuingOffice.COORDINATING
        else IssuingOffice.COORDINATING
    )
    letterhead = Letterhead(
        issuer=office_name(decision.issuing_office),
        number=decision.number,
        date=decision.decided_on,
        recipients=decision.unit.name,
        copy_to=office_name(other),
    )
    document = OfficialDocument(letterhead)
    document.masthead()
    document.title(decision_title(decision))
    document.recipients()
    document.heading("一、决定事由")
    for line in _lines(decision.reason):
        document.paragraph(line)
    projects = list(decision.projects.all())
    if projects:
        document.paragraph("涉及改革项目：" + "；".join(f"{p.label}{p.title}" for p in projects) + "。")
    document.heading("二、事实依据")
    _evidence(document, decision)
    document.heading("三、决定内容")
    decided = DECIDED[DecisionKind(decision.kind)]
    document.paragraph(f"经研究，决定对{decision.unit.name}{decided}，{points_text(decision.points)}。")
    if decision.deadline is not None:
        document.paragraph(
            f"请于{chinese_date(decision.deadline)}前完成整改，并将整改情况书面报送{letterhead.issuer}。"
        )
    document.signature()
    document.record()
    return document.to_bytes()
