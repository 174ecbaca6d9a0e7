"""Moving a project to another chapter of its plan, as part of a plan amendment (see
:mod:`.services_amend_core`, which calls it when a change names a ``chapter``).

A project's ``position`` is its place in the whole plan's printed order (depth first), so a move takes
the project's block (it and its sub-projects, archived ones too: their positions belong to the block)
out of the order and puts it back at the end of the new chapter, or just after the subtree of the
project it ``follows`` there. The recorded change holds the chapter, the printed number and the
project it followed, so a revert puts it back where it was.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Case, F, Max, Value, When
from django.utils.translation import gettext as _

from .errors import AmendmentRefused
from .models import Chapter, Project
from .services_base import _reason

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# What a move records besides the fields: the printed number and the project it followed.
PLACE = ("chapter", "number", "follows")
Row = tuple[int, int, int, int]  # pk, position, level, chapter id


def follows_of(project: Project) -> int:
    """The project just before this one among its siblings (same chapter and parent); 0 for the
    first of them."""
    found = (
        Project.all_objects.filter(
            chapter=project.chapter_id, parent=project.parent_id, position__lt=project.position
        )
        .order_by("-position")
        .values_list("pk", flat=True)
        .first()
    )
    return found or 0


def check_move(project: Project, chapter_id: int) -> Chapter:
    """The chapter a project may move to: a live chapter of its plan, the project a top-level one."""
    chapter = Chapter.all_objects.filter(pk=chapter_id).first()
    if chapter is None or chapter.plan_id != project.plan_id or chapter.archived_at is not None:
        raise AmendmentRefused(_("The project can only move to a chapter of its plan that is not dropped."))
    if project.parent_id is not None:
        raise AmendmentRefused(_("A sub-project moves with its parent project, not on its own."))
    return chapter


def _block(rows: list[Row], start: int, level: int, chapter_id: int) -> int:
    """The index after the subtree beginning at index ``start`` of ``rows`` (pk, position, level,
    chapter), in printed order."""
    end = start + 1
    while end < len(rows) and rows[end][2] > level and rows[end][3] == chapter_id:
        end += 1
    return end


def _destination(rows: list[Row], chapter: Chapter, follows: int | None, chapters: dict[int, int]) -> int:
    """The index (in ``rows`` without the moving block) before which the block goes: after the
    subtree of ``follows``, at the chapter's start for 0, else at its end."""
    if follows == 0:
        for index, row in enumerate(rows):
            if row[3] == chapter.pk or chapters.get(row[3], 0) > chapter.position:
                return index
        return len(rows)
    if follows is not None:
        for index, row in enumerate(rows):
            if row[0] == follows and row[3] == chapter.pk and row[2] == 1:
                return _block(rows, index, 1, chapter.pk)
    for index, row in enumerate(rows):
        if chapters.get(row[3], 0) > chapter.position:
            return index
    return len(rows)


def move_project(
    project: Project, *, chapter_id: int, by: User, reason: str, follows: int | None = None
) -> None:
    """Move a top-level project with its sub-projects to the chapter (checked by :func:`check_move`),
    after the subtree of ``follows`` (a top-level project there; 0: at the chapter's start) or else
    at the chapter's end. The
    caller sets the project's own ``chapter`` and ``number`` (version-checked) and writes its history;
    the sub-projects get theirs here."""
    chapter = check_move(project, chapter_id)
    plan_rows = Project.all_objects.filter(plan=project.plan_id)
    rows = list(plan_rows.order_by("position").values_list("pk", "position", "level", "chapter_id"))
    start = next(index for index, row in enumerate(rows) if row[0] == project.pk)
    end = _block(rows, start, rows[start][2], rows[start][3])
    block, rest = rows[start:end], rows[:start] + rows[end:]
    chapter_positions = dict(Chapter.all_objects.filter(plan=project.plan_id).values_list("pk", "position"))
    dest = _destination(rest, chapter, follows, chapter_positions)
    order = rest[:dest] + block + rest[dest:]
    positions = [row[1] for row in rows]  # the same set of positions, handed out in the new order
    moved = {row[0]: new for row, new in zip(order, positions, strict=True) if row[1] != new}
    if moved:
        # two steps past the largest position: the (plan, position) constraint is checked row by row
        offset = (plan_rows.aggregate(top=Max("position"))["top"] or 0) + 1
        plan_rows.filter(pk__in=moved).update(position=F("position") + offset)
        plan_rows.filter(pk__in=moved).update(
            position=Case(*[When(pk=pk, then=Value(new)) for pk, new in moved.items()])
        )
    below = [row[0] for row in block[1:]]
    if below:
        plan_rows.filter(pk__in=below).update(chapter_id=chapter.pk)
        Project.history.bulk_history_create(
            list(plan_rows.filter(pk__in=below)),
            update=True,
            default_user=by,
            default_change_reason=_reason(reason),
        )


def next_number(chapter_id: int) -> int:
    """The printed number after the last top-level project's of the chapter."""
    rows = Project.all_objects.filter(chapter=chapter_id, parent__isnull=True)
    return int(rows.aggregate(last=Max("number"))["last"] or 0) + 1


def place_changes(project: Project, cleaned: dict[str, Any]) -> dict[str, Any]:
    """The place a change moving the project to ``cleaned["chapter"]`` records: chapter, the next
    printed number there and no project followed (the end of the chapter)."""
    if cleaned.get("chapter") is None or cleaned["chapter"] == project.chapter_id:
        return {}
    return {"chapter": cleaned["chapter"], "number": next_number(cleaned["chapter"]), "follows": None}
