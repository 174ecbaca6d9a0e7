"""The evaluation corpus (tests/fixtures/corpus): its documents, their format variants and the checks.

Each plan text has beside it a JSON file of what a person reads in it, written from the text alone
(before the parser was run on it): per item its id, title (``null`` where the item has no heading, so
the item must be flagged), lead and co-units (``null`` for a group heading that carries no annotation
of its own: not checked), its explicit 完成时限 as an ISO date (or ``[first, last]`` where the words
allow a span, as 中旬 does; ``null`` where the 完成时限 states no date), the plan's true targets
(their quantity text as printed) and its metadata.

An item's id is ``chapter number:label/label…``; an unnumbered item is ``¶k``, the k-th unnumbered
item under the same parent. Every check returns a list of problems, empty when it passes, so that a
failing test names every wrong item at once.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import docx
import opencc
from lxml import etree
from lxml.html import builder as E
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate

from reformtrack.ingest import parse_bytes
from reformtrack.ingest.model import Item, ParsedPlan

CORPUS = Path(__file__).parents[1] / "fixtures" / "corpus"
DOCS = ("state_council", "provincial", "city", "district")
FORMATS = ("gb18030.txt", "big5.txt", "docx", "html", "pdf")
# a unit name is junk when it is this long or holds a generic or role phrase
MAX_UNIT = 20
JUNK_WORDS = (
    "相关部门", "有关部门", "有关单位", "相关单位", "各地区", "各地", "按职责", "分工", "牵头", "负责",
    "配合", "参与", "具体实施", "单位：", "时限", "主办", "网站地图", "联系我们", "版权", "列第一",
)  # fmt: skip
MAX_TITLE = 40
TARGET_THRESHOLD = 0.9

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))

Problems = list[str]


def expected(doc: str) -> dict[str, Any]:
    """The hand-written expectations of ``doc``."""
    data: dict[str, Any] = json.loads((CORPUS / f"{doc}.json").read_text(encoding="utf-8"))
    return data


def text(doc: str) -> str:
    """The plan text of ``doc`` as written (UTF-8)."""
    return (CORPUS / f"{doc}.txt").read_text(encoding="utf-8")


def lines(doc: str) -> list[str]:
    return [line for line in text(doc).splitlines() if line.strip()]


# ---- format variants -------------------------------------------------------------------------


def as_gb18030(doc: str) -> bytes:
    return text(doc).encode("gb18030")


def as_big5(doc: str) -> bytes:
    # s2t gives the OpenCC standard forms, some of which (爲, 羣) Big5 lacks; t2tw turns those into
    # the forms a Big5 page really holds (為, 群). The importer converts back to simplified.
    traditional: str = opencc.OpenCC("t2tw").convert(opencc.OpenCC("s2t").convert(text(doc)))
    return traditional.encode("big5")


def as_docx(doc: str) -> bytes:
    document = docx.Document()
    for line in lines(doc):
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def as_html(doc: str) -> bytes:
    """A government site's page built of plain divs: header, metadata table, body, footer."""
    exp = expected(doc)
    rows = [("标　　题", exp["title"])]
    if exp["doc_number"]:
        rows.append(("发文字号", exp["doc_number"]))
    if exp["issued"]:
        issued = dt.date.fromisoformat(exp["issued"])
        rows.append(("成文日期", f"{issued.year}年{issued.month:02d}月{issued.day:02d}日"))
    table = E.TABLE(*[E.TR(E.TD(key), E.TD(value)) for key, value in rows], E.CLASS("xxgk-table"))
    page = E.HTML(
        E.HEAD(E.META(charset="utf-8"), E.TITLE(exp["title"])),
        E.BODY(
            E.DIV(E.DIV("政府门户网站"), E.DIV("首页｜政务公开｜政策文件｜互动交流"), E.CLASS("header")),
            E.DIV("当前位置：首页 > 政务公开 > 政策文件", E.CLASS("crumb")),
            table,
            E.DIV(*[E.DIV(line) for line in lines(doc)], E.CLASS("article")),
            E.DIV(
                E.DIV("主办单位：某市人民政府办公厅｜网站地图｜联系我们"),
                E.DIV("版权所有：某市人民政府　ICP备案号：京ICP备05070218号"),
                E.CLASS("footer"),
            ),
        ),
    )
    out: bytes = etree.tostring(page, encoding="utf-8", method="html", doctype="<!DOCTYPE html>")
    return out


def as_pdf(doc: str) -> bytes:
    """A PDF in a narrow column (about 15 characters a line) so lines break inside annotations."""
    style = ParagraphStyle(
        "body", fontName="STSong-Light", fontSize=12, leading=18, firstLineIndent=24, wordWrap="CJK"
    )
    out = io.BytesIO()
    margin = (A4[0] - 190) / 2
    document = SimpleDocTemplate(out, pagesize=A4, leftMargin=margin, rightMargin=margin)
    document.build([Paragraph(line, style) for line in lines(doc)])
    return out.getvalue()


MAKERS: dict[str, tuple[Callable[[str], bytes], str]] = {
    "gb18030.txt": (as_gb18030, "plan.txt"),
    "big5.txt": (as_big5, "plan.txt"),
    "docx": (as_docx, "plan.docx"),
    "html": (as_html, "plan.html"),
    "pdf": (as_pdf, "plan.pdf"),
}


@functools.cache
def parsed(doc: str, fmt: str = "txt") -> ParsedPlan:
    """``doc`` parsed from its UTF-8 text (``txt``) or from one of its format variants."""
    if fmt == "txt":
        return parse_bytes((CORPUS / f"{doc}.txt").read_bytes(), f"{doc}.txt")
    make, name = MAKERS[fmt]
    return parse_bytes(make(doc), name)


def plan_of(result: ParsedPlan) -> ParsedPlan:
    """The one plan of a parse: a document parsed as a wrapper of several plans gives its only plan."""
    plans = getattr(result, "plans", None) or []
    return plans[0] if len(plans) == 1 else result


# ---- reading the parse ---------------------------------------------------------------------


def items_by_id(result: ParsedPlan) -> dict[str, Item]:
    """Every item of the plan under its id (see the module's docstring)."""
    out: dict[str, Item] = {}

    def visit(items: list[Item], prefix: str) -> None:
        unnumbered = 0
        for item in items:
            if item.label:
                key = item.label
            else:
                unnumbered += 1
                key = f"¶{unnumbered}"
            ident = f"{prefix}/{key}" if not prefix.endswith(":") else f"{prefix}{key}"
            while ident in out:  # a label printed twice: keep both, the second marked
                ident += "'"
            out[ident] = item
            visit(item.children, ident)

    for chapter in plan_of(result).chapters:
        visit(chapter.items, f"{chapter.number}:")
    return out


def targets_of(result: ParsedPlan) -> list[str]:
    """The text of every target found, in the items, chapters and the plan itself, once each."""
    plan = plan_of(result)
    found: list[str] = []
    holders: list[Any] = [plan, *plan.chapters, *plan.items()]
    for holder in holders:
        for target in getattr(holder, "targets", None) or []:
            if target.text not in found:
                found.append(target.text)
    return found


def match_targets(found: list[str], wanted: list[str]) -> list[tuple[str, str]]:
    """The largest one-to-one pairing of found and expected targets whose texts hold one another.

    One-to-one so that a whole sentence kept as one target text cannot stand for every quantity in it.
    """
    fits = [[j for j, w in enumerate(wanted) if w in f or f in w] for f in found]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in fits[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(found)):
        augment(i, set())
    return [(found[i], wanted[j]) for j, i in owner.items()]


def is_junk_unit(name: str) -> bool:
    return len(name) > MAX_UNIT or any(word in name for word in JUNK_WORDS)


def ledger(result: ParsedPlan) -> dict[str, Any]:
    """What a format variant must give as the .txt does: items with titles, flags, units and
    deadlines, and the targets."""
    return {
        "items": [
            (ident, item.title, item.needs_review, item.lead_units, item.co_units, item.deadline)
            for ident, item in items_by_id(result).items()
        ],
        "targets": sorted(targets_of(result)),
    }


# ---- the checks, one per kind of gap -----------------------------------------------------------


def _expected_items(doc: str) -> Iterator[tuple[dict[str, Any], Item | None]]:
    found = items_by_id(parsed(doc))
    for entry in expected(doc)["items"]:
        yield entry, found.get(entry["id"])


def check_items_found(doc: str) -> Problems:
    return [f"{doc}.txt item {e['id']}: not found" for e, item in _expected_items(doc) if item is None]


def check_no_extra_items(doc: str) -> Problems:
    wanted = {entry["id"] for entry in expected(doc)["items"]}
    return [
        f"{doc}.txt item {ident}: not in the plan (title {item.title[:30]!r})"
        for ident, item in items_by_id(parsed(doc)).items()
        if ident not in wanted
    ]


def check_titles(doc: str) -> Problems:
    out = []
    for entry, item in _expected_items(doc):
        if item is None:
            continue
        want = entry["title"]
        if want is None and not item.needs_review:
            out.append(f"{doc}.txt item {entry['id']}: headless, title {item.title!r} not flagged")
        elif want is not None and item.title != want and not item.needs_review:
            out.append(f"{doc}.txt item {entry['id']}: title {item.title!r} expected {want!r}, unflagged")
    return out


def check_long_titles(doc: str) -> Problems:
    return [
        f"{doc}.txt item {ident}: {len(item.title)}-character title unflagged: {item.title[:30]!r}…"
        for ident, item in items_by_id(parsed(doc)).items()
        if len(item.title) > MAX_TITLE and not item.needs_review
    ]


def _check_units(doc: str, key: str, attribute: str) -> Problems:
    out = []
    for entry, item in _expected_items(doc):
        if item is None or entry[key] is None:
            continue
        got = getattr(item, attribute)
        if got != entry[key]:
            out.append(f"{doc}.txt item {entry['id']}: {attribute} {got} expected {entry[key]}")
    return out


def check_lead_units(doc: str) -> Problems:
    return _check_units(doc, "lead", "lead_units")


def check_co_units(doc: str) -> Problems:
    return _check_units(doc, "co", "co_units")


def check_no_body_flagged(doc: str) -> Problems:
    return [
        f"{doc}.txt item {entry['id']}: {entry['must_flag']}, lead {item.lead_units}, not flagged"
        for entry, item in _expected_items(doc)
        if item is not None and entry.get("must_flag") and not item.needs_review
    ]


def check_junk_units(doc: str) -> Problems:
    out = []
    for ident, item in items_by_id(parsed(doc)).items():
        units = [*item.lead_units, *item.co_units]
        for measure in item.measures:
            units += [*measure.lead_units, *measure.co_units]
        for unit in dict.fromkeys(units):
            if is_junk_unit(unit):
                out.append(f"{doc}.txt item {ident}: junk unit {unit!r}")
    return out


def _date_fits(got: dt.date | None, want: str | list[str] | None) -> bool:
    if want is None:
        return got is None
    if isinstance(want, str):
        return got == dt.date.fromisoformat(want)
    first, last = (dt.date.fromisoformat(w) for w in want)
    return got is not None and first <= got <= last


def _check_dates(doc: str, key: str) -> Problems:
    out = []
    for entry, item in _expected_items(doc):
        if item is None or key not in entry:
            continue
        if not _date_fits(item.deadline, entry[key]):
            out.append(
                f"{doc}.txt item {entry['id']}: deadline {item.deadline} ({item.deadline_text!r}) "
                f"expected {entry[key]}"
            )
    return out


def check_deadlines(doc: str) -> Problems:
    """Each explicit 完成时限 resolved to its date (or to none where it states no date)."""
    return _check_dates(doc, "deadline")


def check_relative_deadlines(doc: str) -> Problems:
    """An item whose only date is a relative deadline in its body (2024年底前) takes that date."""
    return _check_dates(doc, "body_deadline")


def check_title(doc: str) -> Problems:
    exp = expected(doc)
    accepted = [exp["title"], *exp.get("title_also_accepted", [])]
    got = parsed(doc).title
    return [] if got in accepted else [f"{doc}.txt: title {got!r} expected {exp['title']!r}"]


def check_doc_number(doc: str, fmt: str = "txt") -> Problems:
    want, got = expected(doc)["doc_number"], parsed(doc, fmt).doc_number
    return [] if got == want else [f"{doc}.{fmt}: doc_number {got!r} expected {want!r}"]


def check_issued(doc: str) -> Problems:
    want, got = expected(doc)["issued"], parsed(doc).issued
    ok = got == (dt.date.fromisoformat(want) if want else None)
    return [] if ok else [f"{doc}.txt: issued {got} expected {want}"]


def check_one_plan(doc: str) -> Problems:
    """A 通知 wrapping one 方案 (or a plan alone) is one plan, not a bundle."""
    from reformtrack.ingest.pipeline import parse_document_bytes

    document = parse_document_bytes((CORPUS / f"{doc}.txt").read_bytes(), f"{doc}.txt")
    if len(document.plans) == 1:
        return []
    return [f"{doc}.txt: {len(document.plans)} plans {[plan.title for plan in document.plans]}, expected 1"]


CHECKS: dict[str, Callable[[str], Problems]] = {
    "one_plan": check_one_plan,
    "items_found": check_items_found,
    "no_extra_items": check_no_extra_items,
    "titles": check_titles,
    "long_titles": check_long_titles,
    "lead_units": check_lead_units,
    "co_units": check_co_units,
    "no_body_flagged": check_no_body_flagged,
    "junk_units": check_junk_units,
    "deadlines": check_deadlines,
    "relative_deadlines": check_relative_deadlines,
    "title": check_title,
    "doc_number": check_doc_number,
    "issued": check_issued,
}


def target_scores() -> tuple[float, float, Problems]:
    """Recall and precision of the targets over the whole corpus, and what was missed or false."""
    matched = wanted_total = found_total = 0
    problems: Problems = []
    for doc in DOCS:
        found, wanted = targets_of(parsed(doc)), expected(doc)["targets"]
        pairs = match_targets(found, wanted)
        matched += len(pairs)
        wanted_total += len(wanted)
        found_total += len(found)
        hit_found = {f for f, _ in pairs}
        hit_wanted = {w for _, w in pairs}
        problems += [f"{doc}.txt missed target {w!r}" for w in wanted if w not in hit_wanted]
        problems += [f"{doc}.txt false target {f!r}" for f in found if f not in hit_found]
    recall = matched / wanted_total if wanted_total else 1.0
    precision = matched / found_total if found_total else 1.0
    return recall, precision, problems


def ledger_difference(doc: str, fmt: str) -> Problems:
    """How the ledger of a format variant differs from the .txt's, item by item."""
    want, got = ledger(parsed(doc)), ledger(parsed(doc, fmt))
    out: Problems = []
    want_items = {row[0]: row for row in want["items"]}
    got_items = {row[0]: row for row in got["items"]}
    for ident in dict.fromkeys([*want_items, *got_items]):
        if want_items.get(ident) != got_items.get(ident):
            out.append(f"{doc}.{fmt} item {ident}: {got_items.get(ident)} vs .txt {want_items.get(ident)}")
    if want["targets"] != got["targets"]:
        gone = sorted(set(want["targets"]) - set(got["targets"]))
        new = sorted(set(got["targets"]) - set(want["targets"]))
        out.append(f"{doc}.{fmt} targets: lost {gone}, new {new}")
    return out


def report() -> None:
    """Print every problem of every check (``python -m tests.ingest.corpus_checks``)."""
    for doc in DOCS:
        for name, check in CHECKS.items():
            for problem in check(doc):
                print(f"[{name}] {problem}")
        for fmt in FORMATS:
            for problem in ledger_difference(doc, fmt):
                print(f"[format {fmt}] {problem}")
        for problem in check_doc_number(doc, "html"):
            print(f"[html_doc_number] {problem}")
    recall, precision, problems = target_scores()
    print(f"targets: recall {recall:.2f}, precision {precision:.2f}")
    for problem in problems:
        print(f"[targets] {problem}")


if __name__ == "__main__":
    report()
