"""The plan amendment pages that change the plan's parts (方案调整): a project changed (title, units,
deadline, chapter), split or merged; a measure, target or chapter added, changed or dropped; and the
amendment's outline of the plan that links to them all.

Each view only says which form and which service (an :class:`~.views_amend_action.Action`);
:func:`~.views_amend_action.run` checks the office and the amendment, keeps the typed text on every
error and answers a save over someone else's with 409.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from . import forms_amend_parts as parts
from .models import Chapter, Measure, Project, Target
from .models_amend import Amendment
from .selectors_amend import amendment_outline
from .services_amend import (
    chapter_add,
    chapter_change,
    chapter_drop,
    measure_add,
    measure_change,
    measure_drop,
    project_change,
    project_merge,
    project_split,
    target_add,
    target_change,
    target_drop,
)
from .services_amend_core import state, state_token
from .views_amend import _amendment, _office
from .views_amend_action import (
    Action,
    Cleaned,
    drop_page,
    find_chapter,
    find_measure,
    find_project,
    find_target,
    in_order,
    run,
    unit_initial,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@require_http_methods(["GET", "POST"])
@login_required
def project_change_view(request: HttpRequest, amendment_pk: int, project_pk: int) -> HttpResponse:
    """Change a project's title, label, deadline, units or chapter."""

    def build(amendment: Amendment) -> Action:
        project = find_project(amendment, project_pk)
        now = state(project)
        initial = {
            "title": project.title,
            "label": project.label,
            "deadline": project.deadline,
            "deadline_text": project.deadline_text,
            "chapter": project.chapter_id,
            "version": project.version,
            **unit_initial(now),
        }

        def apply(user: User, data: Cleaned) -> str:
            changes = {k: v for k, v in data.items() if k not in ("reason", "version")}
            changes["lead_units"] = in_order(data["lead_units"], now["lead_units"])
            changes["co_units"] = in_order(data["co_units"], now["co_units"])
            project_change(
                amendment=amendment,
                by=user,
                project=project,
                reason=data["reason"],
                expected_version=data["version"],
                **changes,
            )
            return _("The project %(title)s is changed.") % {"title": data["title"]}

        return Action(
            heading=_("Change a project"),
            submit=_("Save the change"),
            subject=str(project),
            form=lambda data: parts.ProjectChangeForm(data, initial=initial, project=project),
            apply=apply,
            fresh=lambda: {"version": str(Project.all_objects.get(pk=project.pk).version)},
        )

    return run(request, amendment_pk, build)


@require_http_methods(["GET", "POST"])
@login_required
def project_split_view(request: HttpRequest, amendment_pk: int, project_pk: int) -> HttpResponse:
    """Split a project into two or more, giving each of its measures to one of them (or none)."""

    def build(amendment: Amendment) -> Action:
        project = find_project(amendment, project_pk)
        measures = list(project.measures.order_by("position"))

        def apply(user: User, data: Cleaned) -> str:
            new = project_split(
                amendment=amendment,
                by=user,
                project=project,
                titles=data["title_list"],
                reason=data["reason"],
                measures=data["measure_map"],
            )
            return _("The project is split into %(n)s projects.") % {"n": len(new)}

        return Action(
            heading=_("Split a project"),
            submit=_("Split the project"),
            subject=str(project),
            intro=_(
                "The new projects take the project's place, deadline and units; the project is dropped "
                "with what is not given to a new project. Its reports, orders and history stay with it."
            ),
            form=lambda data: parts.ProjectSplitForm(data, measures=measures),
            apply=apply,
        )

    return run(request, amendment_pk, build)


@require_http_methods(["GET", "POST"])
@login_required
def project_merge_view(request: HttpRequest, amendment_pk: int, project_pk: int) -> HttpResponse:
    """Merge other projects into this one: their measures and units join it, they are dropped."""

    def build(amendment: Amendment) -> Action:
        into = find_project(amendment, project_pk)

        def apply(user: User, data: Cleaned) -> str:
            project_merge(
                amendment=amendment,
                by=user,
                projects=list(data["projects"]),
                into=into,
                reason=data["reason"],
            )
            return _("The projects are merged into %(title)s.") % {"title": into.title}

        return Action(
            heading=_("Merge projects into this one"),
            submit=_("Merge the projects"),
            subject=str(into),
            intro=_(
                "The measures of the projects merged are added to this one and their units join its units; "
                "they are dropped, their reports, orders and history stay with them."
            ),
            form=lambda data: parts.ProjectMergeForm(data, plan=amendment.plan, into=into),
            apply=apply,
        )

    return run(request, amendment_pk, build)


@require_http_methods(["GET", "POST"])
@login_required
def measure_add_view(request: HttpRequest, amendment_pk: int, project_pk: int) -> HttpResponse:
    """Add a measure at the end of a project's measures."""

    def build(amendment: Amendment) -> Action:
        project = find_project(amendment, project_pk)

        def apply(user: User, data: Cleaned) -> str:
            values = {k: v for k, v in data.items() if k != "state"}
            measure_add(amendment=amendment, by=user, project=project, **values)
            return _("The measure is added.")

        return Action(
            heading=_("Add a measure"),
            submit=_("Add the measure"),
            subject=str(project),
            form=lambda data: parts.MeasureForm(data),
            apply=apply,
        )

    return run(request, amendment_pk, build)


@require_http_methods(["GET", "POST"])
@login_required
def measure_change_view(request: HttpRequest, amendment_pk: int, measure_pk: int) -> HttpResponse:
    """Change a measure's text, deadline or units."""

    def build(amendment: Amendment) -> Action:
        measure = find_measure(amendment, measure_pk)
        now = state(measure)
        initial = {
            "text": measure.text,
            "deadline": measure.deadline,
            "deadline_text": measure.deadline_text,
            "state": state_token(measure),
            **unit_initial(now),
        }

        def apply(user: User, data: Cleaned) -> str:
            values = {k: v for k, v in data.items() if k not in ("state", "reason")}
            values["lead_units"] = in_order(data["lead_units"], now["lead_units"])
            values["co_units"] = in_order(data["co_units"], now["co_units"])
            measure_change(
                amendment=amendment,
                by=user,
                measure=measure,
                reason=data["reason"],
                expected_state=data["state"],
                **values,
            )
            return _("The measure is changed.")

        return Action(
            heading=_("Change a measure"),
            submit=_("Save the change"),
            subject=str(measure.project),
            form=lambda data: parts.MeasureForm(data, initial=initial),
            apply=apply,
            fresh=lambda: {"state": state_token(Measure.all_objects.get(pk=measure.pk))},
        )

    return run(request, amendment_pk, build)


@require_http_methods(["GET", "POST"])
@login_required
def measure_drop_view(request: HttpRequest, amendment_pk: int, measure_pk: int) -> HttpResponse:
    """Drop (archive) a measure with a reason."""
    return drop_page(
        request,
        amendment_pk,
        lambda amendment: find_measure(amendment, measure_pk),
        measure_drop,
        kwarg="measure",
        heading=_("Drop a measure"),
        submit=_("Drop the measure"),
        intro=_("The measure is archived; its history is kept."),
        done=_("The measure is dropped."),
    )


@require_http_methods(["GET", "POST"])
@login_required
def target_add_view(request: HttpRequest, amendment_pk: int, project_pk: int) -> HttpResponse:
    """Add a target to a project."""

    def build(amendment: Amendment) -> Action:
        project = find_project(amendment, project_pk)

        def apply(user: User, data: Cleaned) -> str:
            values = {k: v for k, v in data.items() if k != "state"}
            target_add(amendment=amendment, by=user, project=project, **values)
            return _("The target is added.")

        return Action(
            heading=_("Add a target"),
            submit=_("Add the target"),
            subject=str(project),
            form=lambda data: parts.TargetChangeForm(data),
            apply=apply,
        )

    return run(request, amendment_pk, build)


@require_http_methods(["GET", "POST"])
@login_required
def target_change_view(request: HttpRequest, amendment_pk: int, target_pk: int) -> HttpResponse:
    """Change a target's text, figures, unit of measure, deadline or form."""

    def build(amendment: Amendment) -> Action:
        target = find_target(amendment, target_pk)
        names = ("text", "subject", "min_value", "max_value", "unit", "deadline", "form")
        initial = {name: getattr(target, name) for name in names} | {"state": state_token(target)}

        def apply(user: User, data: Cleaned) -> str:
            values = {name: data[name] for name in names}
            target_change(
                amendment=amendment,
                by=user,
                target=target,
                reason=data["reason"],
                expected_state=data["state"],
                **values,
            )
            return _("The target is changed.")

        return Action(
            heading=_("Change a target"),
            submit=_("Save the change"),
            subject=str(target.project),
            form=lambda data: parts.TargetChangeForm(data, initial=initial),
            apply=apply,
            fresh=lambda: {"state": state_token(Target.all_objects.get(pk=target.pk))},
        )

    return run(request, amendment_pk, build)


@require_http_methods(["GET", "POST"])
@login_required
def target_drop_view(request: HttpRequest, amendment_pk: int, target_pk: int) -> HttpResponse:
    """Drop (archive) a target with a reason."""
    return drop_page(
        request,
        amendment_pk,
        lambda amendment: find_target(amendment, target_pk),
        target_drop,
        kwarg="target",
        heading=_("Drop a target"),
        submit=_("Drop the target"),
        intro=_("The target is archived; its actual values, their evidence and its history are kept."),
        done=_("The target is dropped."),
    )


@require_http_methods(["GET", "POST"])
@login_required
def chapter_add_view(request: HttpRequest, amendment_pk: int) -> HttpResponse:
    """Add a chapter to the plan."""

    def build(amendment: Amendment) -> Action:
        def apply(user: User, data: Cleaned) -> str:
            chapter = chapter_add(amendment=amendment, by=user, **data)
            return _("The chapter %(title)s is added.") % {"title": chapter.title}

        return Action(
            heading=_("Add a chapter"),
            submit=_("Add the chapter"),
            form=lambda data: parts.ChapterForm(data, plan=amendment.plan),
            apply=apply,
        )

    return run(request, amendment_pk, build)


@require_http_methods(["GET", "POST"])
@login_required
def chapter_change_view(request: HttpRequest, amendment_pk: int, chapter_pk: int) -> HttpResponse:
    """Change a chapter's title or text."""

    def build(amendment: Amendment) -> Action:
        chapter = find_chapter(amendment, chapter_pk)
        initial = {"title": chapter.title, "text": chapter.text, "state": state_token(chapter)}

        def apply(user: User, data: Cleaned) -> str:
            chapter_change(
                amendment=amendment,
                by=user,
                chapter=chapter,
                reason=data["reason"],
                expected_state=data["state"],
                title=data["title"],
                text=data["text"],
            )
            return _("The chapter is changed.")

        return Action(
            heading=_("Change a chapter"),
            submit=_("Save the change"),
            subject=chapter.title,
            form=lambda data: parts.ChapterForm(data, initial=initial),
            apply=apply,
            fresh=lambda: {"state": state_token(Chapter.all_objects.get(pk=chapter.pk))},
        )

    return run(request, amendment_pk, build)


@require_http_methods(["GET", "POST"])
@login_required
def chapter_drop_view(request: HttpRequest, amendment_pk: int, chapter_pk: int) -> HttpResponse:
    """Drop (archive) a chapter with its projects, with a reason."""
    return drop_page(
        request,
        amendment_pk,
        lambda amendment: find_chapter(amendment, chapter_pk),
        chapter_drop,
        kwarg="chapter",
        heading=_("Drop a chapter"),
        submit=_("Drop the chapter"),
        intro=_(
            "The chapter is archived with its projects, their measures and targets. Their reports, "
            "supervision orders, evidence and history are kept and still open."
        ),
        done=_("The chapter is dropped."),
    )


@require_GET
@login_required
def amendment_outline_view(request: HttpRequest, amendment_pk: int) -> HttpResponse:
    """The plan's live chapters, projects, measures and targets, each with the changes this amendment
    can make to it."""
    amendment = _amendment(amendment_pk)
    _office(request)
    return render(
        request,
        "ledger/amendment_outline.html",
        {"amendment": amendment, "chapters": amendment_outline(amendment.plan)},
    )
