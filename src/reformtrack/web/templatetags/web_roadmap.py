"""The rows of the roadmap, written in Python.

A plan's roadmap draws every project (fifty at city scale, 36 in the sample) with its label,
light, bar, deadline, milestones and extension requests; through the template engine each row cost
about a millisecond, most of the page. Here each row is a few f-strings with the same markup, test
ids and screen-reader text the template had; text is escaped as Django's autoescape does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from django import template
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from reformtrack.core.positions import left_class, width_class
from reformtrack.ledger.choices import ProjectStatus
from reformtrack.ledger.models import Chapter
from reformtrack.ledger.models_amend import ChangeKind
from reformtrack.status.templatetags.status_extras import light_badge
from reformtrack.web.templatetags._rows import ProjectLinks
from reformtrack.web.templatetags._rows import escape as _e

if TYPE_CHECKING:
    from reformtrack.web.views_roadmap import Track

register = template.Library()


@lru_cache(maxsize=4096)
def _day_in(day: dt.date, language: str | None) -> str:
    return _e(date_format(day))


def _day(day: dt.date | None) -> str:
    """The date as the language writes it. A page of 50 rows formats some 400 dates, most of them
    the same few deadlines, and Django's date_format was a tenth of the page's time: the text of a
    (date, language) pair never changes while the site runs, so it is kept."""
    return _day_in(day, get_language()) if day else ""


class _Words:
    """The words of the rows in the user's language, looked up once per page."""

    def __init__(self) -> None:
        self.deadline = _e(_("deadline"))
        self.start = _e(_("start date"))
        self.ongoing = _e(_("ongoing"))
        self.overdue = _e(_("overdue"))
        self.progress = _e(_("progress"))
        self.milestone = _e(_("milestone"))
        self.done = _e(_("done"))
        self.extended = _e(_("extended deadline"))
        self.requested = _e(_("requested deadline (pending)"))
        self.statuses = {value: _e(label) for value, label in ProjectStatus.choices}
        self.url = ProjectLinks()
        self.kinds = {value: _e(label) for value, label in ChangeKind.choices}

    def extension_text(self, extension: Any) -> str:
        days = {"original": _day(extension.original_deadline), "new": _day(extension.requested_deadline)}
        if extension.status == "approved":
            return _e(_("Extended from %(original)s to %(new)s") % days)
        return _e(_("Extension to %(new)s requested (deadline %(original)s), pending") % days)


def _label(track: Track, words: _Words) -> str:
    p = track.project
    extensions = "".join(
        f'<span class="small roadmap-extension-text d-block" data-testid="roadmap-extension" '
        f'data-status="{_e(e.status)}">{words.extension_text(e)}</span>'
        for e, _at in track.extensions
    )
    when = f"{words.deadline} {_day(p.deadline)}" if p.deadline else words.ongoing
    if track.starts:
        when = f"{words.start} {_day(track.starts)}, {when}"
    late = f", {words.overdue}" if track.overdue else ""
    milestones = "".join(
        f"; {words.milestone} {_day(m.date)} {_e(m.title)}{f' ({words.done})' if m.done else ''}"
        for m, _at in track.milestones
    )
    url = words.url(p.pk)
    amended = "".join(
        f'<span class="badge text-bg-light border small" data-testid="roadmap-amended" '
        f'data-kind="{_e(c.kind)}" title="{_e(c.reason)}">'
        f"{words.kinds.get(c.kind, '')} {_day(c.amendment.decided_on)}</span>"
        for c in track.amendments
    )
    return (
        f'<div class="roadmap-label roadmap-level-{p.level}">\n      '
        f"{light_badge(p.light, p.light_reasons)}\n      "
        f'<a href="{_e(url)}" title="{_e(p.label)}{_e(p.title)}">{_e(p.label)}'
        f"{_e(Truncator(p.title).chars(36))}</a>\n      {amended}{extensions}\n      "
        f'<span class="visually-hidden">\n        — {when}{late}, {words.progress} {p.progress}%'
        f"{milestones}\n      </span>\n    </div>"
    )


def _track(track: Track, words: _Words) -> str:
    p = track.project
    classes = f"roadmap-bar light-{_e(p.light)} status-{_e(p.status)}"
    classes += (" ongoing" if track.ongoing else "") + (" overdue" if track.overdue else "")
    classes += f" {left_class(track.bar_left)} {width_class(track.bar_width)}"
    bar_title = f"{words.statuses.get(p.status, _e(p.status))} · {p.progress}%"
    if track.starts or p.deadline:
        bar_title += f" · {_day(track.starts) + ' – ' if track.starts else ''}{_day(p.deadline)}"
    parts = [
        f'<span class="{classes}" title="{bar_title}"><span class="roadmap-done {width_class(p.progress)}">'
        "</span></span>"
    ]
    if track.deadline_at:
        parts.append(
            f'<span class="roadmap-deadline {left_class(track.deadline_at)}" '
            f'title="{words.deadline} {_day(p.deadline)}"></span>'
        )
    parts.extend(
        f'<span class="roadmap-deadline roadmap-extension {_e(e.status)} {left_class(at)}" '
        f'title="{words.extended if e.status == "approved" else words.requested} '
        f'{_day(e.requested_deadline)}"></span>'
        for e, at in track.extensions
    )
    parts.extend(
        f'<span class="roadmap-milestone{" done" if m.done else ""} {left_class(at)}" '
        f'title="{_day(m.date)} {_e(m.title)}" data-testid="roadmap-milestone"></span>'
        for m, at in track.milestones
    )
    return '<div class="roadmap-track" aria-hidden="true">\n      ' + "\n      ".join(parts) + "\n    </div>"


def _plan_prefix(chapter: Chapter, plan_titles: Mapping[int, str] | None) -> str:
    title = (plan_titles or {}).get(chapter.plan_id)
    if not title:
        return ""
    return f'<span class="d-block small text-body-secondary">{_e(Truncator(title).chars(40))}</span>'


@register.simple_tag
def roadmap_rows(
    tracks: Sequence[tuple[Chapter, Sequence[Track]]], plan_titles: Mapping[int, str] | None = None
) -> SafeString:
    """Every chapter's heading row and its projects' rows; a line saying so when there are none.
    With ``plan_titles`` (several plans on the page), each chapter's heading names its plan."""
    if not tracks:
        empty = _e(_("No project matches."))
        return mark_safe(f'<p class="text-body-secondary mt-3" data-testid="roadmap-empty">{empty}</p>')
    words = _Words()
    out: list[str] = []
    for chapter, chapter_tracks in tracks:
        out.append(
            '<div class="roadmap-row roadmap-chapter" data-testid="roadmap-chapter">\n'
            f'    <div class="roadmap-label">{_plan_prefix(chapter, plan_titles)}'
            f"{_e(chapter.number)}. {_e(chapter.title)}</div>\n"
            '    <div class="roadmap-track"></div>\n  </div>'
        )
        out.extend(
            f'<div class="roadmap-row" data-testid="roadmap-row" data-project-id="{t.project.pk}">\n    '
            f"{_label(t, words)}\n    {_track(t, words)}\n  </div>"
            for t in chapter_tracks
        )
    # every value above is escaped by _e, or is a class name or markup of our own
    return mark_safe("\n  ".join(out))
