"""Pages of the case library that read: the library with its search, filters and sorting, a case,
its print view, and the .docx of one case or of the whole filtered selection.

Anonymous users go to the login page; a case the user may not read is 404 (see :mod:`.permissions`).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods

from reformtrack.core.history import records_of

from .case_docx import COLLECTION_TITLE, case_docx, library_docx
from .choices import CaseSort, CaseStatus
from .figures import figures_of
from .forms import library_filters
from .models import Case
from .permissions import can_archive_case, can_edit_case, can_review_case, can_submit_case
from .selectors import LibraryFilters, case_library, case_of, library_choices

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PAGE_SIZE = 20
MAX_EXPORTED = 500  # cases in one collection: a document past that is no longer read


def _case(request: HttpRequest, pk: int) -> Case:
    case = case_of(request.user, pk)
    if case is None:
        raise Http404("no such case")
    return case


def _docx(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name) or ""
    return response


@login_required
@require_http_methods(["GET"])
def case_list(request: HttpRequest) -> HttpResponse:
    """The library: the cases the user may read, searched, filtered, sorted, 20 a page."""
    filters = library_filters(request.GET)
    cases = case_library(request.user, LibraryFilters(**filters))
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number),
        "param": "page",
        "filters": filters,
        "choices": library_choices(request.user),
        "statuses": CaseStatus.choices,
        "sorts": CaseSort.choices,
        "can_review": can_review_case(request.user),
        "query": query.urlencode(),
    }
    return render(request, "cases/case_list.html", context)


@login_required
@require_http_methods(["GET"])
def library_export(request: HttpRequest) -> HttpResponse:
    """The filtered library as one .docx collection (汇编), in the library's order."""
    cases = list(case_library(request.user, LibraryFilters(**library_filters(request.GET)))[:MAX_EXPORTED])
    content = library_docx(cases, figures_of(cases))
    return _docx(content, f"{COLLECTION_TITLE}{timezone.localdate():%Y%m%d}.docx")


@login_required
@require_http_methods(["GET"])
def case_detail(request: HttpRequest, cases_pk: int) -> HttpResponse:
    """A case: its texts, its figures (frozen once approved) and what the user may do with it."""
    case = _case(request, cases_pk)
    user = request.user
    context = {
        "case": case,
        "figures": figures_of([case])[case.pk],
        "can_edit": can_edit_case(user, case),
        "can_submit": can_submit_case(user, case),
        "can_review": can_review_case(user) and case.archived_at is None,
        "can_archive": can_archive_case(user) and case.archived_at is None,
        "history": records_of(case),
    }
    return render(request, "cases/case_detail.html", context)


@login_required
@require_http_methods(["GET"])
def case_print(request: HttpRequest, cases_pk: int) -> HttpResponse:
    """A case laid out for the browser's print command."""
    case = _case(request, cases_pk)
    context = {"case": case, "figures": figures_of([case])[case.pk], "printed_at": timezone.now()}
    return render(request, "cases/case_print.html", context)


@login_required
@require_http_methods(["GET"])
def case_export(request: HttpRequest, cases_pk: int) -> HttpResponse:
    """One case as .docx in the official layout; whoever may read the case may download it."""
    case = _case(request, cases_pk)
    return _docx(case_docx(case, figures_of([case])[case.pk]), f"{case.title[:60]}.docx")
