"""The public portal's pages: anonymous, read only, GET only.

Whatever is not published answers 404 exactly as a page that does not exist (never 403: the portal
does not reveal that an unpublished plan, project, bulletin or case is there). The pages are the same
for everyone, signed in or not; what is public is decided by the apps' public selectors only.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from reformtrack.appraisal.choices import UnitGroup
from reformtrack.supervision.bulletin import printed_bulletin, section_heading
from reformtrack.supervision.bulletin_docx import bulletin_docx as render_docx

from . import selectors

PAGE_SIZE = 30


def _page(request: HttpRequest, items: object) -> dict[str, object]:
    paginator: Paginator[Any] = Paginator(items, PAGE_SIZE)  # type: ignore[arg-type]
    page = paginator.get_page(request.GET.get("page"))
    return {
        "page": page,
        "items": list(page.object_list),
        "page_range": paginator.get_elided_page_range(page.number),
    }


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The published plans with their progress, then each published kind that has something."""
    return render(request, "portal/home.html", {"home": selectors.home(), "current": "home"})


@require_GET
def plan_detail(request: HttpRequest, public_plan_pk: int) -> HttpResponse:
    """A published plan: its chapters and, in them, its public projects."""
    plan = selectors.published_plan(public_plan_pk)
    if plan is None:
        raise Http404("no such plan")
    chapters = selectors.plan_chapters(plan)
    return render(request, "portal/plan.html", {"plan": plan, "chapters": chapters})


@require_GET
def project_detail(request: HttpRequest, public_project_pk: int) -> HttpResponse:
    """A public project: what it is, who leads it, how far it is, its approved public summary.

    The ratings app fills the template's ``rating`` block (its own template extends this one's).
    """
    page = selectors.public_project(public_project_pk)
    if page is None:
        raise Http404("no such project")
    return render(request, "portal/project.html", {"page": page, "project": page.project})


@require_GET
def bulletin_list(request: HttpRequest) -> HttpResponse:
    """Every published bulletin, newest period first, 30 a page."""
    return render(request, "portal/bulletin_list.html", _page(request, selectors.bulletin_list()))


@require_GET
def bulletin_detail(request: HttpRequest, public_bulletin_pk: int) -> HttpResponse:
    """A published bulletin as it was published."""
    bulletin = selectors.published_bulletin(public_bulletin_pk)
    if bulletin is None:
        raise Http404("no such bulletin")
    printed = printed_bulletin(bulletin)
    sections = [(section_heading(i, s.heading), s) for i, s in enumerate(printed.sections)]
    context = {"bulletin": bulletin, "printed": printed, "sections": sections}
    return render(request, "portal/bulletin.html", context)


@require_GET
def bulletin_docx(request: HttpRequest, public_bulletin_pk: int) -> HttpResponse:
    """A published bulletin as .docx in the official layout (the same file the offices download)."""
    bulletin = selectors.published_bulletin(public_bulletin_pk)
    if bulletin is None:
        raise Http404("no such bulletin")
    response = HttpResponse(
        render_docx(printed_bulletin(bulletin)),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    name = f"{bulletin.number or bulletin.title}.docx"
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name) or ""
    return response


@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    """The published case library, latest approved first, 30 a page."""
    return render(request, "portal/case_list.html", _page(request, selectors.case_list()))


@require_GET
def case_detail(request: HttpRequest, public_case_pk: int) -> HttpResponse:
    """A published case with the figures frozen when it was approved."""
    case = selectors.published_case(public_case_pk)
    if case is None:
        raise Http404("no such case")
    return render(request, "portal/case.html", {"case": case})


@require_GET
def appraisal_detail(request: HttpRequest, public_run_pk: int) -> HttpResponse:
    """A published appraisal's results: each unit's total and rank within its group."""
    found = selectors.published_run(public_run_pk)
    if found is None:
        raise Http404("no such appraisal")
    run, results = found
    groups = [(label, [r for r in results if r.group == value]) for value, label in UnitGroup.choices]
    return render(request, "portal/appraisal.html", {"run": run, "groups": [g for g in groups if g[1]]})
