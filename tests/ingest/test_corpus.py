"""The evaluation corpus: four plans written like real ones, checked against hand-written expectations.

The expectations were written from the texts alone, before the parser ran on them; they are not to be
weakened to make a check pass. A check that fails on main today is marked ``xfail(strict=True)`` in
GAPS below with the gap it shows, so that fixing the gap turns the mark into a failure to remove.
Every (document, check) pair is its own test so that one gap does not hide the others.
"""

from __future__ import annotations

import pytest

from . import corpus_checks as corpus

# (document, check) -> the gap it shows today; the failing test's message names every wrong item
GAPS: dict[tuple[str, str], str] = {}


def cases(names: list[str]) -> list[object]:
    return [
        pytest.param(
            doc,
            name,
            id=f"{doc}-{name}",
            marks=[pytest.mark.xfail(strict=True, reason=GAPS[doc, name])] if (doc, name) in GAPS else [],
        )
        for doc in corpus.DOCS
        for name in names
    ]


@pytest.mark.parametrize(("doc", "check"), cases(list(corpus.CHECKS)))
def test_the_text_gives_what_a_reader_finds(doc: str, check: str) -> None:
    problems = corpus.CHECKS[check](doc)
    assert not problems, "\n".join(problems)


def _target_case(name: str) -> list[object]:
    marks = [pytest.mark.xfail(strict=True, reason=GAPS["*", name])] if ("*", name) in GAPS else []
    return [pytest.param(name, marks=marks)]


@pytest.mark.parametrize("measure", _target_case("target_recall") + _target_case("target_precision"))
def test_targets_over_the_corpus(measure: str) -> None:
    recall, precision, problems = corpus.target_scores()
    score = recall if measure == "target_recall" else precision
    assert score >= corpus.TARGET_THRESHOLD, f"{measure} {score:.2f}\n" + "\n".join(problems)


@pytest.mark.parametrize(("doc", "fmt"), cases(list(corpus.FORMATS)))
def test_each_format_gives_the_ledger_of_the_text(doc: str, fmt: str) -> None:
    problems = corpus.ledger_difference(doc, fmt)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("doc", "check"), cases(["html_doc_number"]))
def test_the_html_page_gives_the_doc_number(doc: str, check: str) -> None:
    problems = corpus.check_doc_number(doc, "html")
    assert not problems, "\n".join(problems)
