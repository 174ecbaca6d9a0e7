"""Plan amendments of a plan's parts: measures, targets and chapters (see :mod:`.services_amend`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from reformtrack.core.text import multi_line, single_line

from .choices import TargetForm
from .errors import AmendmentRefused
from .models import Chapter, Measure, Project, Target, Unit
from .models_amend import Amendment, ChangeKind
from .services_amend_base import (
    lock_amendment,
    next_position,
    record,
    require_live,
    require_reason,
    save_with_history,
    set_units,
    shift_positions,
)
from .services_amend_core import announce, change_object, check_token, drop_object, state

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _place(rows: Any, after: Any) -> int:
    """A new row's position: just after ``after`` (later rows make room), else at the end."""
    if after is None:
        return next_position(rows)
    shift_positions(rows, after.position + 1)
    return int(after.position) + 1


@transaction.atomic
def measure_add(
    *,
    amendment: Amendment,
    by: User,
    project: Project,
    text: str,
    after: Measure | None = None,
    deadline: dt.date | None = None,
    deadline_text: str = "",
    lead_units: Iterable[Unit] = (),
    co_units: Iterable[Unit] = (),
    reason: str = "",
) -> Measure:
    """Add a measure to a project, after ``after`` (one of its measures) or at its end."""
    amendment = lock_amendment(amendment, by)
    require_live(project, amendment)
    text = multi_line(text).strip()
    if not text:
        raise AmendmentRefused(_("The text cannot be empty."))
    if after is not None and (after.project_id != project.pk or after.archived_at is not None):
        raise AmendmentRefused(_("A new measure follows a measure of the same project."))
    measure = Measure(
        project=project,
        text=text,
        position=_place(Measure.all_objects.filter(project=project), after),
        deadline=deadline,
        deadline_text=single_line(deadline_text),
    )
    reason = single_line(reason) or amendment.reason
    save_with_history(measure, by, reason)
    set_units(measure, lead_units, co_units)
    record(amendment, kind=ChangeKind.ADD, obj=measure, before={}, after=state(measure), reason=reason)
    announce([project], by)
    return measure


@transaction.atomic
def measure_change(
    *,
    amendment: Amendment,
    by: User,
    measure: Measure,
    reason: str = "",
    expected_state: str | None = None,
    **changes: Any,
) -> Measure:
    """Change a measure's text, deadline, deadline text, lead units or co-units.

    ``expected_state`` is the :func:`~.services_amend_core.state_token` the user's form started from:
    a change made since refuses this one (:class:`~.errors.AmendmentRefused`); the same for targets
    and chapters below."""
    amendment = lock_amendment(amendment, by)
    require_live(measure, amendment)
    check_token(measure, expected_state)
    change_object(amendment, by, measure, changes, single_line(reason) or amendment.reason)
    return measure


@transaction.atomic
def measure_drop(*, amendment: Amendment, by: User, measure: Measure, reason: str) -> Measure:
    """Drop (archive) a measure; its history stays."""
    amendment = lock_amendment(amendment, by)
    require_live(measure, amendment)
    drop_object(amendment, by, measure, require_reason(reason))
    announce([measure.project], by)
    return measure


@transaction.atomic
def target_add(
    *,
    amendment: Amendment,
    by: User,
    project: Project,
    text: str,
    subject: str = "",
    min_value: float | None = None,
    max_value: float | None = None,
    unit: str = "",
    deadline: dt.date | None = None,
    form: str = TargetForm.AT_LEAST,
    reason: str = "",
) -> Target:
    """Add a target to a project, at its end."""
    amendment = lock_amendment(amendment, by)
    require_live(project, amendment)
    text = single_line(text)
    if not text:
        raise AmendmentRefused(_("The text cannot be empty."))
    if min_value is not None and max_value is not None and min_value > max_value:
        raise AmendmentRefused(_("The minimum is above the maximum."))
    target = Target(
        project=project,
        text=text,
        subject=single_line(subject),
        min_value=min_value,
        max_value=max_value,
        unit=single_line(unit),
        deadline=deadline,
        form=form,
        position=next_position(Target.all_objects.filter(project=project)),
    )
    reason = single_line(reason) or amendment.reason
    save_with_history(target, by, reason)
    record(amendment, kind=ChangeKind.ADD, obj=target, before={}, after=state(target), reason=reason)
    return target


@transaction.atomic
def target_change(
    *,
    amendment: Amendment,
    by: User,
    target: Target,
    reason: str = "",
    expected_state: str | None = None,
    **changes: Any,
) -> Target:
    """Change a target's text, subject, minimum, maximum, unit of measure, deadline or form."""
    amendment = lock_amendment(amendment, by)
    require_live(target, amendment)
    check_token(target, expected_state)
    lo = changes.get("min_value", target.min_value)
    hi = changes.get("max_value", target.max_value)
    if lo is not None and hi is not None and lo > hi:
        raise AmendmentRefused(_("The minimum is above the maximum."))
    change_object(amendment, by, target, changes, single_line(reason) or amendment.reason)
    return target


@transaction.atomic
def target_drop(*, amendment: Amendment, by: User, target: Target, reason: str) -> Target:
    """Drop (archive) a target; its actual values and their evidence stay."""
    amendment = lock_amendment(amendment, by)
    require_live(target, amendment)
    drop_object(amendment, by, target, require_reason(reason))
    return target


@transaction.atomic
def chapter_add(
    *,
    amendment: Amendment,
    by: User,
    title: str,
    after: Chapter | None = None,
    text: str = "",
    reason: str = "",
) -> Chapter:
    """Add a chapter to the plan, after ``after`` or at the end; it is numbered after the last."""
    amendment = lock_amendment(amendment, by)
    title = single_line(title)
    if not title:
        raise AmendmentRefused(_("A chapter needs a title."))
    if after is not None:
        require_live(after, amendment)
    rows = Chapter.all_objects.filter(plan=amendment.plan_id)
    number = (rows.aggregate(last=Max("number"))["last"] or 0) + 1
    chapter = Chapter(
        plan_id=amendment.plan_id,
        number=number,
        title=title,
        text=multi_line(text),
        position=_place(rows, after),
    )
    reason = single_line(reason) or amendment.reason
    save_with_history(chapter, by, reason)
    record(amendment, kind=ChangeKind.ADD, obj=chapter, before={}, after=state(chapter), reason=reason)
    return chapter


@transaction.atomic
def chapter_change(
    *,
    amendment: Amendment,
    by: User,
    chapter: Chapter,
    reason: str = "",
    expected_state: str | None = None,
    **changes: Any,
) -> Chapter:
    """Change a chapter's title or text."""
    amendment = lock_amendment(amendment, by)
    require_live(chapter, amendment)
    check_token(chapter, expected_state)
    change_object(amendment, by, chapter, changes, single_line(reason) or amendment.reason)
    return chapter


@transaction.atomic
def chapter_drop(*, amendment: Amendment, by: User, chapter: Chapter, reason: str) -> Chapter:
    """Drop (archive) a chapter with its projects, their measures and targets."""
    amendment = lock_amendment(amendment, by)
    require_live(chapter, amendment)
    drop_object(amendment, by, chapter, require_reason(reason))
    return chapter
