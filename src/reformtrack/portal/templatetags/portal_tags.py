"""The plan page's project rows and the home page's plan cards, written in Python rather than a
template loop: a published plan lists every public project (hundreds at city scale), the home page
every published plan, and Django's template engine costs a tenth of a millisecond per row per tag;
the words are translated once per call, the address reversed once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django import template
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reformtrack.ledger.templatetags.ledger_extras import progress_bar
from reformtrack.status.templatetags.status_extras import light_badge

from ..selectors import PlanRow, ProjectRow

register = template.Library()


class _Dates(dict[dt.date, str]):
    """Dates as the site writes them (DATE_FORMAT: 2014年6月30日), each formatted once per call."""

    def __missing__(self, day: dt.date) -> str:
        self[day] = text = date_format(day)
        return text


def _milestones(row: ProjectRow, dates: _Dates, words: dict[str, str]) -> SafeString:
    if not row.milestones:
        return SafeString("")
    items = "".join(
        f"<li>{words['done'] if done else words['to_do']} · {dates[day]} {escape(title)}</li>"
        for day, title, done in row.milestones
    )
    return format_html(
        '<ul class="small list-unstyled mb-0 mt-1" aria-label="{}">{}</ul>',
        words["milestones"],
        SafeString(items),
    )


@register.simple_tag
def project_rows(projects: Iterable[ProjectRow]) -> SafeString:
    """A chapter's public projects as list items: title link, light in words, lead units, deadline,
    progress bar and milestones (see portal/plan.html)."""
    # the project page's address with the id replaced: reversed once, not once a row
    address = reverse("portal:project", args=[0]).removesuffix("0/") + "{}/"
    words = {
        "leads": _("Lead units"),
        "deadline": _("Deadline"),
        "ongoing": _("ongoing"),
        "progress": _("Progress"),
        "milestones": _("Milestones"),
        "done": "✓ " + escape(_("done")),
        "to_do": "○ " + escape(_("to do")),
    }
    dates = _Dates()
    rows = []
    for project in projects:
        leads = "、".join(project.lead_units)
        rows.append(
            format_html(
                '<li class="list-group-item{}" data-testid="portal-project-row">'
                '<div class="d-flex flex-wrap justify-content-between gap-2">'
                '<a class="fw-semibold" href="{}" data-testid="portal-project-link">{}{}</a>{}</div>'
                '<div class="small text-body-secondary">{}{}: {}</div>{}{}</li>',
                " ps-4" if project.level > 1 else "",
                address.format(project.pk),
                project.label,
                project.title if len(project.title) <= 80 else project.title[:79] + "…",
                light_badge(project.light),
                format_html("{}: {} · ", words["leads"], leads) if leads else "",
                words["deadline"],
                dates[project.deadline] if project.deadline else project.deadline_text or words["ongoing"],
                progress_bar(project.progress, words["progress"]),
                _milestones(project, dates, words),
            )
        )
    return SafeString("".join(rows))


@register.filter
def plain_number(value: object) -> str:
    """A stored decimal as people write it: 90.0000 → 90, 12.5000 → 12.5 (never 9E+1)."""
    if not isinstance(value, Decimal):
        return "" if value is None else str(value)
    return f"{value.normalize():f}"


@register.simple_tag
def plan_cards(rows: Iterable[PlanRow]) -> SafeString:
    """The home page's published plans as cards: title link, number, date, public projects and the
    overall progress (in Python for the same reason as :func:`project_rows`: a city has a hundred)."""
    address = reverse("portal:plan", args=[0]).removesuffix("0/") + "{}/"
    overall = _("Overall progress")
    cards = []
    for row in rows:
        plan = row.plan
        facts = [plan.doc_number] if plan.doc_number else []
        if plan.issued:
            facts.append(date_format(plan.issued))
        facts.append(
            ngettext("%(counter)s public project", "%(counter)s public projects", row.project_count)
            % {"counter": row.project_count}
        )
        cards.append(
            format_html(
                '<article class="card mb-2" data-testid="portal-plan"><div class="card-body">'
                '<h3 class="h5 card-title"><a href="{}">{}</a></h3>'
                '<p class="small text-body-secondary mb-2">{}</p>{}</div></article>',
                address.format(plan.pk),
                plan.title,
                " · ".join(facts),
                progress_bar(row.progress, overall) if row.progress is not None else "",
            )
        )
    return SafeString("".join(cards))
