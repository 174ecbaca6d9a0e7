"""The difference between a stored plan and a revised document of it (调整方案). Plain Python.

The stored plan comes in as :class:`StoredProject` snapshots (the selectors make them from the
database), the revised document as a :class:`~reformtrack.ingest.model.ParsedPlan`. Projects are
matched in two rounds:

1. by title: pairs whose titles are nearly the same (:data:`SIMILAR` or more), best pairs first,
   wherever they stand. So a project renumbered because one before it was dropped, or moved to
   another chapter, still finds itself, and never takes the number of the project it displaced.
2. by number: what is left pairs up by chapter number and number path (第二章（三） with
   第二章（三））: a project retitled in place, if the titles are still a little alike
   (:data:`RETITLE_FLOOR`) or the lead units are the same; else a project dropped and another
   added at its number.

What stays unmatched is added (in the document only) or dropped (stored only). A matched pair
gives one change per aspect that differs: retitled, renumbered, units changed, deadline moved,
targets changed. Each change has a stable key (``retitled:p42``, ``added:2-3``) for the office's
accept/reject choice; keys name the stored project's id or the parsed item's ref (``2-3`` is the
third item of the second chapter, as in the import wizard).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from reformtrack.ingest.model import Item, ParsedPlan

from .units import normalise_unit_name

#: Title similarity (difflib's ratio, 0–1) from which two projects are taken for the same one.
SIMILAR = 0.75
#: At the same number, titles this alike (or the same lead units) are one project retitled;
#: below it and with other units, a project dropped and a new one added at its number.
RETITLE_FLOOR = 0.3


class ChangeKind(enum.StrEnum):
    """What changed; the order is the order a project's changes are listed in."""

    ADDED = "added"
    DROPPED = "dropped"
    RETITLED = "retitled"
    RENUMBERED = "renumbered"
    UNITS_CHANGED = "units_changed"
    DEADLINE_MOVED = "deadline_moved"
    TARGETS_CHANGED = "targets_changed"


@dataclass(frozen=True)
class StoredProject:
    """A stored project as the difference needs it (units by their normal names).

    ``path`` is the numbers from the chapter's project down to this one (``(3,)`` for （三）,
    ``(3, 2)`` for its second sub-item); ``None`` where a level is unnumbered.
    """

    id: int
    chapter: int
    path: tuple[int | None, ...]
    label: str
    title: str
    parent_id: int | None = None
    lead_units: tuple[str, ...] = ()
    co_units: tuple[str, ...] = ()
    deadline: dt.date | None = None
    deadline_text: str = ""
    targets: tuple[str, ...] = ()


@dataclass(eq=False)
class ParsedEntry:
    """An item of the revised document with its place: ``ref``, its chapter's number, its number path
    and its parent's ref (``None`` for a chapter's project)."""

    ref: str
    chapter: int
    path: tuple[int | None, ...]
    item: Item
    parent_ref: str | None = None


@dataclass(eq=False)
class Change:
    """One change of the difference; ``stored`` is ``None`` for an added project, ``parsed`` for a
    dropped one."""

    kind: ChangeKind
    stored: StoredProject | None
    parsed: ParsedEntry | None

    @property
    def key(self) -> str:
        """Stable across two readings of the same document against the same stored plan."""
        if self.kind is ChangeKind.ADDED:
            assert self.parsed is not None
            return f"added:{self.parsed.ref}"
        assert self.stored is not None
        return f"{self.kind.value}:p{self.stored.id}"


@dataclass
class Revision:
    """The difference: the changes in document order, and the matched pairs (stored id → entry)."""

    changes: list[Change] = field(default_factory=list)
    matched: dict[int, ParsedEntry] = field(default_factory=dict)

    def by_key(self) -> dict[str, Change]:
        return {change.key: change for change in self.changes}

    def count(self, kind: ChangeKind) -> int:
        return sum(1 for change in self.changes if change.kind is kind)


def parsed_entries(parsed: ParsedPlan) -> list[ParsedEntry]:
    """Every item of the document with its ref, chapter number and number path, depth first."""
    entries: list[ParsedEntry] = []

    def visit(
        items: list[Item], prefix: str, chapter: int, path: tuple[int | None, ...], parent: str | None
    ) -> None:
        for position, item in enumerate(items, start=1):
            ref = f"{prefix}-{position}"
            here = (*path, item.number)
            entries.append(ParsedEntry(ref=ref, chapter=chapter, path=here, item=item, parent_ref=parent))
            visit(item.children, ref, chapter, here, ref)

    for position, chapter in enumerate(parsed.chapters, start=1):
        visit(chapter.items, str(position), chapter.number, (), None)
    return entries


def _title(text: str) -> str:
    """The title as compared: no spaces, no closing punctuation."""
    return "".join(text.split()).rstrip("。；;，,.")


def similarity(a: str, b: str) -> float:
    """How alike two titles are, 0 to 1 (difflib's ratio of the compared forms)."""
    a, b = _title(a), _title(b)
    if a == b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _place_rank(project: StoredProject, entry: ParsedEntry) -> tuple[int, int]:
    """(same place, same chapter): among equally alike pairs, the one that moved least wins."""
    same_chapter = int(project.chapter == entry.chapter)
    return int(same_chapter and project.path == entry.path), same_chapter


def _title_pairs(
    stored: list[StoredProject], entries: list[ParsedEntry], left: list[int], right: list[int]
) -> Iterator[tuple[float, int, int, int, int]]:
    """(similarity, same place, same chapter, stored index, entry index) of every pair alike enough,
    among the stored projects ``left`` and the entries ``right``."""
    titles = {i: _title(stored[i].title) for i in left}
    matcher = SequenceMatcher(None, autojunk=False)
    for j in right:
        other = _title(entries[j].item.title)
        matcher.set_seq2(other)  # difflib caches what it learns of the second sequence
        for i in left:
            title = titles[i]
            # the cheap upper bounds first (lengths, then characters): most pairs are far apart
            if 2 * min(len(title), len(other)) < SIMILAR * (len(title) + len(other)):
                continue
            matcher.set_seq1(title)
            if matcher.quick_ratio() < SIMILAR:
                continue
            score = matcher.ratio()
            if score >= SIMILAR:
                yield score, *_place_rank(stored[i], entries[j]), i, j


def _greedy(
    candidates: Iterable[tuple[float, int, int, int, int]], pairs: dict[int, int], taken: set[int]
) -> None:
    # best first; among equals the pair in the same place, then in the same chapter, then printed order
    for _score, _place, _chapter, i, j in sorted(candidates, key=lambda p: (-p[0], -p[1], -p[2], p[3], p[4])):
        if i not in pairs and j not in taken:
            pairs[i] = j
            taken.add(j)


def match(stored: list[StoredProject], entries: list[ParsedEntry]) -> dict[int, int]:
    """Stored index → entry index of the projects found in both (see the module's docstring).

    Equal titles pair first (most projects of a revision keep theirs), so the costly comparison of
    titles runs only between what is left.
    """
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    by_title: dict[str, list[int]] = {}
    for j, entry in enumerate(entries):
        by_title.setdefault(_title(entry.item.title), []).append(j)
    _greedy(
        (
            (1.0, *_place_rank(project, entries[j]), i, j)
            for i, project in enumerate(stored)
            for j in by_title.get(_title(project.title), [])
        ),
        pairs,
        taken,
    )
    left = [i for i in range(len(stored)) if i not in pairs]
    right = [j for j in range(len(entries)) if j not in taken]
    _greedy(_title_pairs(stored, entries, left, right), pairs, taken)
    by_place: dict[tuple[int, tuple[int | None, ...]], int] = {}
    for j, entry in enumerate(entries):
        if j not in taken and None not in entry.path:
            by_place.setdefault((entry.chapter, entry.path), j)
    for i, project in enumerate(stored):
        if i in pairs or None in project.path:
            continue
        j_found = by_place.get((project.chapter, project.path))
        if j_found is not None and _same_project(project, entries[j_found].item):
            pairs[i] = j_found
            del by_place[(project.chapter, project.path)]
    return pairs


def unit_set(names: Iterable[str], registry: Mapping[str, str] | None = None) -> frozenset[str]:
    """The units named, in their normal form, each as the registry calls it (an alias as its unit)."""
    normal = (normalise_unit_name(name) for name in names)
    return frozenset((registry or {}).get(name, name) for name in normal if name)


def _same_project(project: StoredProject, item: Item) -> bool:
    """Whether a stored project and an item at its number are one project under another title."""
    if similarity(project.title, item.title) >= RETITLE_FLOOR:
        return True
    lead = unit_set(project.lead_units)
    return bool(lead) and lead == unit_set(item.lead_units)


def _differences(
    project: StoredProject, entry: ParsedEntry, registry: Mapping[str, str] | None
) -> Iterator[ChangeKind]:
    item = entry.item
    if _title(project.title) != _title(item.title):
        yield ChangeKind.RETITLED
    if project.chapter != entry.chapter or project.label != item.label:
        yield ChangeKind.RENUMBERED
    if unit_set(project.lead_units, registry) != unit_set(item.lead_units, registry) or unit_set(
        project.co_units, registry
    ) != unit_set(item.co_units, registry):
        yield ChangeKind.UNITS_CHANGED
    moved = project.deadline != item.deadline
    if project.deadline is None and item.deadline is None:
        moved = "".join(project.deadline_text.split()) != "".join(item.deadline_text.split())
    if moved:
        yield ChangeKind.DEADLINE_MOVED
    if [_title(t) for t in project.targets] != [_title(t.text) for t in item.targets]:
        yield ChangeKind.TARGETS_CHANGED


def revision(
    stored: list[StoredProject], parsed: ParsedPlan, *, registry: Mapping[str, str] | None = None
) -> Revision:
    """The difference between the stored projects (in stored order) and the revised document.

    Changes come in the document's order, each dropped project where it stood among the stored
    ones (after the changes of the matched project before it). ``registry`` maps a unit name's
    normal form to the name of the unit it stands for (an alias to its unit), so a unit printed by
    another of its names is no change.
    """
    entries = parsed_entries(parsed)
    pairs = match(stored, entries)
    matched_entry = {j: i for i, j in pairs.items()}
    result = Revision(matched={stored[i].id: entries[j] for i, j in pairs.items()})
    dropped_after: dict[int | None, list[StoredProject]] = {}
    last_matched: int | None = None  # the entry index of the last stored project that was matched
    for i, project in enumerate(stored):
        if i in pairs:
            last_matched = pairs[i]
        else:
            dropped_after.setdefault(last_matched, []).append(project)

    def dropped(after: int | None) -> None:
        result.changes.extend(
            Change(ChangeKind.DROPPED, project, None) for project in dropped_after.get(after, [])
        )

    dropped(None)
    for j, entry in enumerate(entries):
        found = matched_entry.get(j)
        if found is None:
            result.changes.append(Change(ChangeKind.ADDED, None, entry))
        else:
            project = stored[found]
            result.changes.extend(
                Change(kind, project, entry) for kind in _differences(project, entry, registry)
            )
            dropped(j)
    return result
