"""The headless-items plan as .docx and .html gives the same titles, flags and deadlines as the .txt."""

from __future__ import annotations

import datetime as dt
import html
import io
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from reformtrack.ingest import parse_bytes
from reformtrack.ingest.model import ParsedPlan

PLAN = Path(__file__).parents[1] / "fixtures" / "plans" / "headless_items_plan.txt"
Ledger = list[tuple[str, str, bool, dt.date | None, str]]


def lines() -> list[str]:
    return [line for line in PLAN.read_text(encoding="utf-8").splitlines() if line.strip()]


def ledger(plan: ParsedPlan) -> Ledger:
    return [(i.label, i.title, i.needs_review, i.deadline, i.deadline_text) for i in plan.items()]


def as_docx() -> bytes:
    document = docx.Document()
    for line in lines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def as_html() -> bytes:
    body = "".join(f"<p>{html.escape(line)}</p>\n" for line in lines())
    page = f'<html><head><meta charset="utf-8"><title>方案</title></head><body>{body}</body></html>'
    return page.encode("utf-8")


@pytest.fixture(scope="module")
def expected() -> Ledger:
    return ledger(parse_bytes(PLAN.read_bytes(), PLAN.name))


def test_the_text_ledger_has_the_flagged_titles_and_stated_deadlines(expected: Ledger) -> None:
    assert sum(flagged for _, _, flagged, _, _ in expected) == 3
    assert (
        "（三）",
        "全面推行“双随机、一公开”监管",
        True,
        dt.date(2024, 12, 31),
        "2024年12月底前",
    ) in expected


@pytest.mark.parametrize(("name", "make"), [("plan.docx", as_docx), ("plan.html", as_html)])
def test_each_format_gives_the_same_ledger(name: str, make: Callable[[], bytes], expected: Ledger) -> None:
    assert ledger(parse_bytes(make(), name)) == expected
