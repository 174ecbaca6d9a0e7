"""The evaluation report (实施后评估报告) as .docx in the layout of official documents (GB/T 9704,
:mod:`~reformtrack.core.official_docx`): the coordinating office's masthead, the title, the lead
unit as recipient, the project, the achievement of its targets (frozen at sign-off), the lead
unit's self-evaluation, the office's evaluation, the panel's scores, the conclusion, the signature
and date, and the 抄送 / 印发 block. Printed in Chinese whatever the reader's language; a report
printed before sign-off says it is a draft where the number goes.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from reformtrack.core.official_docx import Letterhead, OfficialDocument, chinese_date
from reformtrack.ingest.numerals import int_to_chinese

from .choices import PRINTED_CONCLUSIONS, PRINTED_GOALS, Conclusion, GoalsMet
from .models import Evaluation
from .selectors import Figures, PanelSummary

DRAFT = "（草稿，签发后生效）"
NO_SATISFACTION = "暂无（门户上线后提供）"


@dataclass
class ReportData:
    """What the report prints beyond the evaluation: its figures, panel and lead units."""

    evaluation: Evaluation
    figures: Figures
    panel: PanelSummary
    lead_units: list[str]


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


def _heading(index: int, text: str) -> str:
    return f"{int_to_chinese(index)}、{text}"


def _figures(document: OfficialDocument, figures: Figures) -> None:
    styles = document.table_styles("评估")
    rows = [
        [
            row.text,
            "—" if row.latest is None else f"{row.latest}{row.unit}",
            chinese_date(row.latest_date) if row.latest_date else "—",
            _percent(row.achievement),
        ]
        for row in figures.rows
    ]
    if rows:
        document.table(["指标", "实际值", "日期", "完成度"], rows, styles)
        document.paragraph(f"指标平均完成度{_percent(figures.mean)}。")
    else:
        document.paragraph("本项目未设量化指标。")


def _panel(document: OfficialDocument, data: ReportData) -> None:
    panel = data.panel
    if not panel.rows:
        document.paragraph("本项目未组织专家评审。")
        return
    styles = document.table_styles("评审")
    rows = [
        [
            row.criterion.name,
            f"{row.criterion.weight}",
            "—" if row.mean is None else f"{row.mean}",
            str(row.count),
        ]
        for row in panel.rows
    ]
    document.table(["评审标准", "权重", "平均得分", "评分专家数"], rows, styles)
    document.paragraph(f"加权总分{'—' if panel.total is None else panel.total}分。")


def evaluation_docx(data: ReportData) -> bytes:
    """The evaluation report as a .docx in the official layout."""
    evaluation = data.evaluation
    project = evaluation.project
    signed = evaluation.signed_at is not None
    day = timezone.localdate(evaluation.signed_at) if evaluation.signed_at else timezone.localdate()
    document = OfficialDocument(
        Letterhead(
            issuer=settings.DOCUMENT_COORDINATING_OFFICE,
            number="" if signed else DRAFT,
            date=day,
            recipients="、".join(data.lead_units),
            copy_to=settings.DOCUMENT_SUPERVISION_OFFICE,
        )
    )
    document.masthead()
    document.title(f"《{project.label}{project.title}》实施后评估报告")
    document.recipients()
    document.paragraph(
        f"根据《{project.plan.title}》，现将{project.label}{project.title}实施后评估情况报告如下。"
    )
    document.heading(_heading(1, "目标完成情况"))
    _figures(document, data.figures)
    document.heading(_heading(2, "牵头单位自评"))
    goals = PRINTED_GOALS.get(GoalsMet(evaluation.goals_met), "—") if evaluation.goals_met else "—"
    document.paragraph(f"目标达成：{goals}。")
    for line in evaluation.self_summary.splitlines():
        document.paragraph(line)
    document.paragraph(f"投入成本：{'—' if evaluation.cost is None else f'{evaluation.cost}万元'}。")
    satisfaction = NO_SATISFACTION if evaluation.satisfaction is None else f"{evaluation.satisfaction}%"
    document.paragraph(f"群众满意度：{satisfaction}。")
    document.paragraph(f"存在问题：{evaluation.problems or '无'}")
    document.heading(_heading(3, "评估意见"))
    for line in (evaluation.office_opinion or "—").splitlines():
        document.paragraph(line)
    document.heading(_heading(4, "专家评审"))
    _panel(document, data)
    document.heading(_heading(5, "评估结论"))
    word = PRINTED_CONCLUSIONS[Conclusion(evaluation.conclusion)] if evaluation.conclusion else "待定"
    document.paragraph(f"评估结论：{word}。")
    for line in evaluation.conclusion_reasons.splitlines():
        document.paragraph(line)
    document.signature()
    document.record()
    return document.to_bytes()
