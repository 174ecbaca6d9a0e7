"""The evaluation report as .docx, read back with python-docx: the official layout's title, the
frozen figures, the self-evaluation with the satisfaction not yet given, the panel and the conclusion."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import docx
import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from reformtrack.evaluation import services_panel
from reformtrack.evaluation.models import Evaluation
from reformtrack.ledger.models import Project

from .conftest import conclude, record_value, with_panel

pytestmark = pytest.mark.django_db


def _read(client: Client, evaluation: Evaluation) -> tuple[str, list[list[list[str]]], object]:
    response = client.get(reverse("evaluation:report", args=[evaluation.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    return text, tables, document


def test_the_signed_off_report_prints_what_was_decided(
    evaluation: Evaluation,
    project: Project,
    office_user: User,
    clerk_user: User,
    outsider_clerk: User,
    client: Client,
) -> None:
    record_value(project, office_user, "2", dt.date(2014, 12, 31))
    criteria = with_panel(evaluation, office_user, clerk_user, [outsider_clerk])
    evaluation.refresh_from_db()
    services_panel.scores_submit(
        evaluation=evaluation,
        by=outsider_clerk,
        scores={criteria["目标完成"].pk: (Decimal(90), ""), criteria["群众获得感"].pk: (Decimal(80), "")},
        comments="",
    )
    evaluation.refresh_from_db()
    evaluation = conclude(evaluation, office_user, "extend")
    record_value(project, office_user, "1", dt.date(2015, 6, 30))  # after sign-off: not printed
    client.force_login(clerk_user)

    text, tables, document = _read(client, evaluation)

    assert f"《{project.label}{project.title}》实施后评估报告" in text
    assert "评估结论：扩大推广。" in text and "需调整招商方式。" in text
    assert "群众满意度：暂无（门户上线后提供）。" in text
    assert "目标达成：部分达成。" in text and "投入成本：120.50万元。" in text
    assert "草稿" not in text
    assert tables[0][0] == ["指标", "实际值", "日期", "完成度"]
    assert tables[0][1][1] == "2个" and tables[0][1][2] == "2014年12月31日" and tables[0][1][3] == "100.0%"
    assert tables[1][1] == ["目标完成", "60.0", "90.0", "1"]
    assert "加权总分86.0分。" in text
    title = next(p for p in document.paragraphs if p.text.endswith("实施后评估报告"))  # type: ignore[attr-defined]
    assert title.runs[0].font.size.pt == 22


def test_a_report_before_sign_off_is_a_draft(
    evaluation: Evaluation, office_user: User, client: Client
) -> None:
    client.force_login(office_user)

    text, _tables, _document = _read(client, evaluation)

    assert "（草稿，签发后生效）" in text and "评估结论：待定。" in text
