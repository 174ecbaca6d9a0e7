"""Reads of the case library: the library as a user may see it, filtered, searched and sorted; one
case; the values its filters offer; and the published cases the public portal will read.

Every list starts from ``Case.objects.restrict(user, "view")`` and takes a fixed number of queries
whatever the number of cases.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from operator import and_, or_
from typing import TYPE_CHECKING

from django.db.models import F, Prefetch, Q, QuerySet
from django.db.models.expressions import OrderBy

from reformtrack.ledger.filtersets import search_words
from reformtrack.ledger.models import Chapter, Project, Unit

from .choices import CaseSort, CaseStatus
from .models import Case

if TYPE_CHECKING:
    from reformtrack.accounts.permissions import AnyUser

__all__ = ["LibraryFilters", "case_library", "case_of", "library_choices", "published_cases", "search_cases"]

SEARCHED = ("title", "summary", "background", "actions", "results", "lessons", "keywords")
# a case not approved yet comes last in the approval order, on SQLite and PostgreSQL alike
ORDERS: dict[str, tuple[str | OrderBy, ...]] = {
    CaseSort.UPDATED: ("-updated_at", "-pk"),
    CaseSort.APPROVED: (F("approved_at").desc(nulls_last=True), "-updated_at", "-pk"),
    CaseSort.TITLE: ("title", "pk"),
}


@dataclass(frozen=True)
class LibraryFilters:
    """What the library is narrowed to; empty values filter nothing."""

    q: str = ""
    chapter: int | None = None
    unit: int | None = None
    year: int | None = None
    status: str = ""
    published: bool | None = None
    sort: str = CaseSort.UPDATED


def search_cases(cases: QuerySet[Case], query: str) -> QuerySet[Case]:
    """The cases whose title or any of their texts holds every word of ``query`` (a substring
    search of jieba's words, the same on SQLite and PostgreSQL)."""
    words = search_words(query)
    if not words:
        return cases
    conditions = [reduce(or_, (Q(**{f"{name}__icontains": word}) for name in SEARCHED)) for word in words]
    return cases.filter(reduce(and_, conditions))


def _with_pages(cases: QuerySet[Case]) -> QuerySet[Case]:
    """What a list, a page and a document show of each case, fetched with it."""
    return cases.select_related("project__chapter", "project__plan", "unit", "approved_by").prefetch_related(
        Prefetch("other_projects", queryset=Project.all_objects.order_by("position"))
    )


def case_library(user: AnyUser, filters: LibraryFilters | None = None) -> QuerySet[Case]:
    """The cases ``user`` may read, narrowed by ``filters`` and sorted."""
    filters = filters or LibraryFilters()
    cases = search_cases(Case.objects.restrict(user, "view"), filters.q)
    if filters.chapter is not None:
        cases = cases.filter(project__chapter_id=filters.chapter)
    if filters.unit is not None:
        cases = cases.filter(unit_id=filters.unit)
    if filters.year is not None:
        cases = cases.filter(created_at__year=filters.year)
    if filters.status in CaseStatus.values:
        cases = cases.filter(status=filters.status)
    if filters.published is not None:
        cases = cases.filter(published=filters.published)
    order = ORDERS.get(filters.sort, ORDERS[CaseSort.UPDATED])
    return _with_pages(cases).order_by(*order)


def case_of(user: AnyUser, pk: int) -> Case | None:
    """The case ``pk`` if ``user`` may read it, with what its page shows."""
    return _with_pages(Case.objects.restrict(user, "view")).filter(pk=pk).first()


@dataclass(frozen=True)
class LibraryChoices:
    """What the library's filters offer: the chapters, units and years of the cases one may read."""

    chapters: list[Chapter]
    units: list[Unit]
    years: list[int]


def library_choices(user: AnyUser) -> LibraryChoices:
    """The filters' options, from the cases ``user`` may read (three queries)."""
    visible = Case.objects.restrict(user, "view")
    chapters = Chapter.all_objects.filter(pk__in=visible.values("project__chapter_id")).order_by(
        "plan_id", "position"
    )
    units = Unit.objects.filter(pk__in=visible.values("unit_id")).order_by("name")
    years = sorted({day.year for day in visible.dates("created_at", "year")}, reverse=True)
    return LibraryChoices(chapters=list(chapters), units=list(units), years=years)


def published_cases() -> QuerySet[Case]:
    """The approved cases marked for publication and not archived: what the public portal shows."""
    return _with_pages(
        Case.objects.filter(status=CaseStatus.APPROVED, published=True, archived_at__isnull=True)
    ).order_by("-approved_at", "-pk")
