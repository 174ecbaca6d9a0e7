"""The assessment as .docx in the official layout (GB/T 9704, :mod:`reformtrack.core.official_docx`):
the coordinating office's masthead, the title, the project, the dimensions with their scores and
evidence, the affected groups, the risks, the level and the decision, the signature and the date.
Printed in Chinese whatever the reader's language, as every official document."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from reformtrack.core.official_docx import Letterhead, OfficialDocument, chinese_date

from .models import Assessment

DIMENSIONS = {
    "legality": "合法性",
    "rationality": "合理性",
    "feasibility": "可行性",
    "controllability": "可控性",
    "safety": "安全性",
}
LEVELS = {"high": "高风险", "medium": "中风险", "low": "低风险", "": "未评定"}
DECISIONS = {"go_ahead": "准予实施", "change": "调整后实施", "stop": "暂缓或终止"}


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def assessment_docx(assessment: Assessment) -> bytes:
    """The assessment (its scores, groups and risks as prefetched) as a .docx."""
    project = assessment.project
    day = timezone.localdate(assessment.signed_off_at or assessment.created_at)
    office = str(settings.DOCUMENT_COORDINATING_OFFICE)
    document = OfficialDocument(Letterhead(issuer=office, number="", date=day, copy_to=""))
    document.masthead()
    document.title("社会稳定风险评估报告")
    document.heading("一、评估对象")
    document.paragraph(f"《{project.plan.title}》{project.label}{project.title}")
    for line in _lines(assessment.summary):
        document.paragraph(line)
    document.heading("二、评估内容")
    styles = document.table_styles("评估")
    document.table(
        ["评估内容", "评分", "依据"],
        [
            [DIMENSIONS.get(s.dimension, s.dimension), "" if s.score is None else str(s.score), s.evidence]
            for s in assessment.scores.all()
        ],
        styles,
    )
    document.heading("三、利益相关群体")
    for group in assessment.groups.all():
        document.paragraph(f"{group.name}：{group.concerns}" if group.concerns else group.name)
    document.heading("四、风险点及防范化解措施")
    document.table(
        ["风险点", "可能性", "影响程度", "防范化解措施", "责任单位"],
        [
            [r.description, str(r.likelihood), str(r.impact), r.mitigation, r.owner]
            for r in assessment.risks.all()
        ],
        styles,
    )
    document.heading("五、评估结论")
    document.paragraph(f"风险等级：{LEVELS.get(assessment.level, '')}。")
    if assessment.decision:
        document.paragraph(f"决策意见：{DECISIONS[assessment.decision]}。")
        for line in _lines(assessment.decision_reason):
            document.paragraph(line)
        if assessment.decided_at is not None:
            document.paragraph(f"决策日期：{chinese_date(timezone.localdate(assessment.decided_at))}。")
    document.signature()
    return document.to_bytes()
