"""The project table of the list pages (library, unit page, my work), written in Python.

A page of the library shows fifty rows of eight cells, each with links, badges and a bar; through
Django's template engine that was three quarters of the page's server time at city scale (about
0.6 ms a row). Here each row is one :func:`~django.utils.html.format_html`, with the same markup and
test ids the template had, the badges and bars from the same tags as elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django import template
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from reformtrack.ledger.choices import ProjectStatus
from reformtrack.ledger.models import Unit
from reformtrack.ledger.pages import Row
from reformtrack.ledger.templatetags.ledger_extras import progress_bar, status_colour
from reformtrack.status.templatetags.status_extras import light_badge
from reformtrack.web.templatetags._rows import ProjectLinks, highlight, snippet
from reformtrack.web.templatetags._rows import escape as _e

register = template.Library()

_NONE = '<span class="text-body-secondary">—</span>'


def _units(units: Sequence[Unit]) -> str:
    if not units:
        return '<ul class="unit-list"><li class="text-body-secondary">—</li></ul>'
    return '<ul class="unit-list">' + "".join(f"<li>{_e(unit.name)}</li>" for unit in units) + "</ul>"


def _deadline(row: Row) -> str:
    project = row.project
    if project.deadline:
        late = f' <span class="visually-hidden">{_e(_("overdue"))}</span>⚠' if row.overdue else ""
        return _e(date_format(project.deadline)) + late
    if project.deadline_text:
        return _e(project.deadline_text)
    return _NONE


def _leader(row: Row) -> str:
    leader = row.project.leader
    if leader is None:
        return _NONE
    return _e(leader.get_full_name() or leader.get_username())


@dataclass(frozen=True)
class _Table:
    """What every row of one table shares, worked out once: the per-row lookups of labels and
    URLs were most of the time the rows took."""

    show_plan: bool
    review_badge: str
    statuses: dict[str, str]
    url: ProjectLinks
    # the column headings, escaped: each cell names its column where a phone shows the rows as cards
    labels: tuple[str, ...] = ()
    # the words searched for: marked in the titles, and a snippet of the text where they occur
    words: tuple[str, ...] = ()


def _tags(project: object) -> str:
    """The project's tags as badges, where the page loaded them (the library: pages.with_tag_badges)."""
    return "".join(
        f' <span class="badge text-bg-{_e(colour)}" data-testid="tag">{_e(name)}</span>'
        for name, colour in getattr(project, "tag_badges", ())
    )


def _row(row: Row, table: _Table) -> str:
    project = row.project
    chapter = (
        f'<div class="small text-body-secondary">{_e(project.chapter.number)}. '
        f"{_e(Truncator(project.chapter.title).chars(24))}</div>"
        if table.show_plan
        else ""
    )
    url = table.url(project.pk)
    title = f"{_e(project.label)}{_e(project.title)}"
    found = ""
    if table.words:
        title = f"{_e(project.label)}{highlight(project.title, table.words)}"
        text = snippet(project.text, table.words)
        found = (
            f'<div class="small text-body-secondary" data-testid="search-snippet">{text}</div>'
            if text
            else ""
        )
    _, units, co_units, leader, deadline, status, light, progress = table.labels
    return (
        f'<tr class="{"needs-review" if project.needs_review else ""}" data-testid="project-row" '
        f'data-project-id="{project.pk}">'
        f'<td><a href="{_e(url)}" data-testid="project-link">{title}</a>'
        f"{table.review_badge if project.needs_review else ''}{_tags(project)}{found}{chapter}</td>"
        f'<td data-label="{units}">{_units(row.lead_units)}</td>'
        f'<td class="d-none d-md-table-cell" data-label="{co_units}">{_units(row.co_units)}</td>'
        f'<td class="d-none d-lg-table-cell" data-label="{leader}">{_leader(row)}</td>'
        f'<td class="text-nowrap{" text-danger fw-semibold" if row.overdue else ""}" data-label="{deadline}">'
        f"{_deadline(row)}</td>"
        f'<td data-label="{status}"><span class="badge text-bg-{status_colour(project.status)}">'
        f"{_e(table.statuses.get(project.status, project.status))}</span></td>"
        f'<td data-label="{light}">{light_badge(project.light, project.light_reasons)}</td>'
        f'<td data-label="{progress}">{progress_bar(project.progress)}</td></tr>\n'
    )


@register.simple_tag
def project_table(
    rows: Iterable[Row],
    *,
    testid: str = "",
    show_plan: bool = False,
    empty_text: str = "",
    words: Sequence[str] = (),
) -> SafeString:
    """The table of ``rows``: project, lead units, co-units, leader, deadline, status, light, progress.

    With the searched ``words`` (the library's search), they are marked in each title and a snippet
    of the project's text shows where they occur: why the project matched.
    """
    heads = [
        ("", _("Project")),
        ("", _("Lead units")),
        ("d-none d-md-table-cell", _("Co-units")),
        ("d-none d-lg-table-cell", _("Leader in charge")),
        ("", _("Deadline")),
        ("", _("Status")),
        ("", _("Status light")),
        ("minw-8rem", _("Progress")),
    ]
    head = format_html_join(
        "",
        '<th scope="col"{}>{}</th>',
        ((format_html(' class="{}"', css) if css else "", label) for css, label in heads),
    )
    review_badge = (
        '<span class="badge text-bg-warning ms-1" data-testid="needs-review-badge">'
        f"{_e(_('Needs review'))}</span>"
    )
    table = _Table(
        show_plan=show_plan,
        review_badge=review_badge,
        statuses={value: str(label) for value, label in ProjectStatus.choices},
        url=ProjectLinks(),
        labels=tuple(_e(label) for _, label in heads),
        words=tuple(words),
    )
    # every value in the rows is escaped by _e or is markup of our own (badges, bars)
    body = mark_safe("".join(_row(row, table) for row in rows))
    if not body:
        body = format_html(
            '<tr><td colspan="8" class="text-body-secondary" data-testid="no-projects">{}</td></tr>',
            empty_text or _("No projects."),
        )
    return format_html(
        '<div class="table-responsive">\n'
        '<table class="table table-sm table-hover table-projects table-cards" data-testid="{}">\n'
        "<thead><tr>{}</tr></thead>\n<tbody>\n{}</tbody>\n</table>\n</div>",
        testid or "project-table",
        head,
        body,
    )
