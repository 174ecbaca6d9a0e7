"""The ledger as a readable text tree, for ``reformtrack parse`` and ``reformtrack show``.

Both a freshly parsed plan and a stored one are turned into the same small tree first, so the two
commands print alike. Importing this module loads no Django: ``parse`` works without a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reformtrack.ingest.notes import render_note
from reformtrack.ingest.numerals import int_to_chinese
from reformtrack.ingest.reasons import render as render_reason

if TYPE_CHECKING:
    from reformtrack.ingest.model import Item, ParsedPlan

    from .selectors import Ledger, ProjectNode


def chinese_numeral(number: int) -> str:
    """``1`` → ``一``, ``10`` → ``十``, ``21`` → ``二十一``: chapter numbers as printed."""
    return int_to_chinese(number)


def chapter_heading(number: int, title: str) -> str:
    """``二、持续深化经济体制改革``."""
    return f"{chinese_numeral(number)}、{title}"


@dataclass
class TreeItem:
    label: str
    title: str
    needs_review: bool
    review_reasons: list[str]
    lead_units: list[str]
    co_units: list[str]
    deadline: str
    targets: list[str]
    measures: list[str]
    children: list[TreeItem] = field(default_factory=list)


@dataclass
class TreeChapter:
    heading: str
    items: list[TreeItem]
    # the targets the chapter's own text states (a goals chapter's 主要目标)
    targets: list[str] = field(default_factory=list)


@dataclass
class Tree:
    title: str
    facts: list[str]
    chapters: list[TreeChapter]
    warnings: list[str]


def _deadline(date: object, text: str) -> str:
    if text and date:
        return f"{text} ({date})"
    return text or (str(date) if date else "")


def _facts(doc_number: str, issued: object, start: int | None, end: int | None) -> list[str]:
    facts = [doc_number] if doc_number else []
    if issued:
        facts.append(f"issued {issued}")
    if start or end:
        facts.append(f"{start or '?'}–{end or '?'}")
    return facts


def _counts(items: int, measures: int, chapters: int) -> str:
    return f"{chapters} chapters, {items} projects, {measures} measures"


def tree_from_parsed(plan: ParsedPlan, lang: str = "zh") -> Tree:
    """The text tree of a plan as parsed, before it is stored; review reasons worded in ``lang``
    by ingest's own renderer (no Django here: ``parse`` needs no site)."""

    def item_node(item: Item) -> TreeItem:
        return TreeItem(
            label=item.label,
            title=item.title,
            needs_review=item.needs_review,
            review_reasons=[render_reason(reason, lang) for reason in item.review_reasons],
            lead_units=list(item.lead_units),
            co_units=list(item.co_units),
            deadline=_deadline(item.deadline, item.deadline_text),
            targets=[target.text for target in item.targets],
            measures=[measure.text for measure in item.measures],
            children=[item_node(child) for child in item.children],
        )

    items = plan.items()
    facts = _facts(plan.doc_number, plan.issued, plan.period_start, plan.period_end)
    facts.append(_counts(len(items), sum(len(item.measures) for item in items), len(plan.chapters)))
    return Tree(
        title=plan.title,
        facts=facts,
        chapters=[
            TreeChapter(
                chapter_heading(chapter.number, chapter.title),
                [item_node(i) for i in chapter.items],
                [target.text for target in chapter.targets],
            )
            for chapter in plan.chapters
        ],
        warnings=[render_note(note, lang) for note in plan.warnings],
    )


def tree_from_ledger(ledger: Ledger) -> Tree:
    """The text tree of a stored plan; review reasons worded through gettext, in the active language."""
    from .reasons import note_texts, reason_texts

    def project_node(node: ProjectNode) -> TreeItem:
        project = node.project
        return TreeItem(
            label=project.label,
            title=project.title,
            needs_review=project.needs_review,
            review_reasons=reason_texts(project.review_reasons),
            lead_units=[unit.name for unit in node.lead_units],
            co_units=[unit.name for unit in node.co_units],
            deadline=_deadline(project.deadline, project.deadline_text),
            targets=[target.text for target in node.targets],
            measures=[row.measure.text for row in node.measures],
            children=[project_node(child) for child in node.children],
        )

    plan = ledger.plan
    projects = list(ledger.projects())
    facts = [f"plan {plan.pk}", *_facts(plan.doc_number, plan.issued, plan.period_start, plan.period_end)]
    facts.append(_counts(len(projects), sum(len(p.measures) for p in projects), len(ledger.chapters)))
    return Tree(
        title=plan.title,
        facts=facts,
        chapters=[
            TreeChapter(
                chapter_heading(node.chapter.number, node.chapter.title),
                [project_node(p) for p in node.projects],
                [target.text for target in node.targets],
            )
            for node in ledger.chapters
        ],
        warnings=note_texts(plan.warnings),
    )


def render_tree(tree: Tree, *, measures: bool = False) -> str:
    """The tree as indented lines: chapters, then items with ⚠ and their review reasons, units,
    deadline and targets; with ``measures`` every measure too."""
    lines = [tree.title, " · ".join(tree.facts)]

    def add_item(item: TreeItem, depth: int) -> None:
        pad = "  " * depth
        flag = " ⚠" if item.needs_review else ""
        lines.append(f"{pad}{item.label}{item.title}{flag}")
        detail = pad + "    "
        lines.extend(f"{detail}⚠ {reason}" for reason in item.review_reasons)
        if item.lead_units:
            lines.append(f"{detail}lead: {'、'.join(item.lead_units)}")
        if item.co_units:
            lines.append(f"{detail}co: {'、'.join(item.co_units)}")
        if item.deadline:
            lines.append(f"{detail}deadline: {item.deadline}")
        if item.targets:
            lines.append(f"{detail}targets: {'；'.join(item.targets)}")
        if measures:
            lines.extend(f"{detail}- {text}" for text in item.measures)
        elif item.measures:
            count = len(item.measures)
            lines.append(f"{detail}{count} measure{'' if count == 1 else 's'}")
        for child in item.children:
            add_item(child, depth + 1)

    for chapter in tree.chapters:
        lines.append("")
        lines.append(chapter.heading)
        if chapter.targets:
            lines.append(f"    targets: {'；'.join(chapter.targets)}")
        for item in chapter.items:
            add_item(item, 1)
    if tree.warnings:
        lines.append("")
        lines.extend(f"warning: {warning}" for warning in tree.warnings)
    return "\n".join(lines)
