"""A revised document's changes in words: one line each for the CLI, and the parts the wizard's
table shows. The changes carry data (:mod:`.revision`); the words come here, in the reader's language.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from reformtrack.ingest.numerals import int_to_chinese

from .revision import Change, ChangeKind, ParsedEntry, StoredProject
from .units import normalise_unit_name


def kind_label(kind: ChangeKind) -> str:
    """The kind of change as the office reads it."""
    return {
        ChangeKind.ADDED: _("Added"),
        ChangeKind.DROPPED: _("Dropped"),
        ChangeKind.RETITLED: _("Retitled"),
        ChangeKind.RENUMBERED: _("Renumbered"),
        ChangeKind.UNITS_CHANGED: _("Units changed"),
        ChangeKind.DEADLINE_MOVED: _("Deadline moved"),
        ChangeKind.TARGETS_CHANGED: _("Targets changed"),
    }[kind]


def _place(chapter: int, label: str) -> str:
    # as the document prints it: 二、（三）
    return f"{int_to_chinese(chapter)}、{label}"


def _names(names: Iterable[str]) -> str:
    # printed order, each unit once, in its normal form
    return "、".join(dict.fromkeys(n for n in map(normalise_unit_name, names) if n))


def _units(lead: Iterable[str], co: Iterable[str]) -> str:
    text = _("lead: %(units)s") % {"units": _names(lead) or "—"}
    co_names = _names(co)
    if co_names:
        text += _("; co-units: %(units)s") % {"units": co_names}
    return text


def _deadline(text: str, date: object) -> str:
    return text or (str(date) if date else "—")


def _before_after(kind: ChangeKind, old: StoredProject, new: ParsedEntry) -> tuple[str, str]:
    item = new.item
    if kind is ChangeKind.RETITLED:
        return old.title, item.title
    if kind is ChangeKind.RENUMBERED:
        return _place(old.chapter, old.label), _place(new.chapter, item.label)
    if kind is ChangeKind.UNITS_CHANGED:
        return _units(old.lead_units, old.co_units), _units(item.lead_units, item.co_units)
    if kind is ChangeKind.DEADLINE_MOVED:
        return _deadline(old.deadline_text, old.deadline), _deadline(item.deadline_text, item.deadline)
    return "；".join(old.targets) or "—", "；".join(t.text for t in item.targets) or "—"


@dataclass(frozen=True)
class ChangeWords:
    """What the review table shows of a change."""

    key: str
    kind: str
    place: str
    title: str
    before: str
    after: str

    def line(self) -> str:
        """One line: ``新增 二、（三）推进网上审批`` or ``更名 二、（二）… ：旧 → 新``."""
        head = f"{self.kind}  {self.place}{self.title}"
        if self.before or self.after:
            return f"{head}：{self.before} → {self.after}"
        return head


def change_words(change: Change) -> ChangeWords:
    """The words of one change."""
    kind = kind_label(change.kind)
    if change.kind is ChangeKind.ADDED:
        assert change.parsed is not None
        entry = change.parsed
        return ChangeWords(
            change.key, kind, _place(entry.chapter, entry.item.label), entry.item.title, "", ""
        )
    assert change.stored is not None
    old = change.stored
    place = _place(old.chapter, old.label)
    if change.kind is ChangeKind.DROPPED:
        return ChangeWords(change.key, kind, place, old.title, "", "")
    assert change.parsed is not None
    before, after = _before_after(change.kind, old, change.parsed)
    # a retitle's old title is its "before": not twice on the line
    title = "" if change.kind is ChangeKind.RETITLED else old.title
    return ChangeWords(change.key, kind, place, title, before, after)
