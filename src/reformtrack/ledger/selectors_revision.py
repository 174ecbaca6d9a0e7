"""Reads for a revised document: the stored plan as the difference's snapshots, and the difference.

The difference itself is plain Python (:mod:`.revision`); this module feeds it from the database.
"""

from __future__ import annotations

from reformtrack.ingest.model import ParsedPlan

from .models import Plan
from .revision import Revision, StoredProject, revision
from .selectors import ProjectNode, plan_ledger
from .selectors_units import units_find
from .units import normalise_unit_name


def plan_snapshots(plan: Plan | int) -> list[StoredProject]:
    """The plan's projects in printed order, as :class:`StoredProject` (eight queries); dropped
    (archived) projects are no longer part of the plan a revised document revises."""
    ledger = plan_ledger(plan)
    snapshots: list[StoredProject] = []
    for chapter in ledger.chapters:

        def visit(nodes: list[ProjectNode], path: tuple[int | None, ...], chapter_number: int) -> None:
            for node in nodes:
                project = node.project
                here = (*path, project.number)
                snapshots.append(
                    StoredProject(
                        id=project.pk,
                        chapter=chapter_number,
                        path=here,
                        label=project.label,
                        title=project.title,
                        parent_id=project.parent_id,
                        lead_units=tuple(unit.name for unit in node.lead_units),
                        co_units=tuple(unit.name for unit in node.co_units),
                        deadline=project.deadline,
                        deadline_text=project.deadline_text,
                        targets=tuple(target.text for target in node.targets),
                    )
                )
                visit(node.children, here, chapter_number)

        visit(chapter.projects, (), chapter.chapter.number)
    return snapshots


def unit_registry_names(parsed: ParsedPlan) -> dict[str, str]:
    """Each unit name the document prints (normal form) → the name of the registry unit it finds."""
    names: set[str] = set()
    for item in parsed.items():
        names.update(normalise_unit_name(name) for name in (*item.lead_units, *item.co_units))
    return {name: unit.name for name, unit in units_find(names - {""}).items()}


def plan_revision(plan: Plan | int, parsed: ParsedPlan) -> Revision:
    """The difference between the stored plan and a revised document of it (nothing is written)."""
    return revision(plan_snapshots(plan), parsed, registry=unit_registry_names(parsed))
