"""Hostile documents end quickly and small: each limit stops its stage with one Chinese line.

The documents are built small (tests/ingest/hostile.py) and the limits lowered to match, so each
test shows the limit doing the stopping; tests/cli/test_parse_limits.py runs the full-size ones.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from reformtrack.ingest import parse_bytes, parse_file
from reformtrack.ingest.errors import IngestError
from reformtrack.ingest.limits import ENV_NAMES, Budget, LimitExceeded, Limits, clock
from reformtrack.ingest.reasons import ReasonCode
from reformtrack.ingest.repair import repair

from . import hostile

SAMPLE = (
    Path(__file__).parents[2] / "src" / "reformtrack" / "ingest" / "data" / "luohu-reform-plan-2013-2015.txt"
)


def refused(path: Path, limits: Limits, limit: str) -> LimitExceeded:
    started = time.monotonic()
    with pytest.raises(LimitExceeded) as caught:
        parse_file(path, limits=limits)
    assert time.monotonic() - started < 5
    assert caught.value.limit == limit
    message = str(caught.value)
    assert "\n" not in message and message.startswith(path.name + "：")
    assert "上限" in message  # said in Chinese, the user's language
    return caught.value


def test_a_docx_bomb_is_refused_by_its_unpacked_size(tmp_path: Path) -> None:
    bomb = hostile.docx_bomb(tmp_path / "bomb.docx", unpacked_mb=12)
    assert bomb.stat().st_size < 200_000

    error = refused(bomb, Limits(max_unpacked_mb=10), "unpacked")

    assert "10 MB" in str(error)


def test_a_docx_under_the_unpacked_limit_but_with_too_many_characters_is_refused(tmp_path: Path) -> None:
    document = hostile.docx_bomb(tmp_path / "long.docx", unpacked_mb=2)

    refused(document, Limits(max_characters=50_000), "characters")


def test_the_docx_limit_holds_when_the_archive_lies_about_sizes(tmp_path: Path) -> None:
    bomb = hostile.docx_bomb(tmp_path / "bomb.docx", unpacked_mb=12)
    data = bytearray(bomb.read_bytes())
    # declare the big member's size as 1 KB in the central directory: the stream is measured too
    import zipfile

    with zipfile.ZipFile(bomb) as archive:
        info = archive.getinfo("word/document.xml")
    assert info.file_size > 10 * 1024 * 1024
    # zipfile then stops reading at the declared size: the document is truncated, never unpacked past it
    lied = data.replace(info.file_size.to_bytes(8, "little"), (1024).to_bytes(8, "little"))
    path = tmp_path / "lied.docx"
    path.write_bytes(bytes(lied))

    started = time.monotonic()
    with pytest.raises(IngestError):
        parse_file(path, limits=Limits(max_unpacked_mb=10))
    assert time.monotonic() - started < 5


def test_a_pdf_page_of_too_many_operators_is_refused_before_it_is_drawn(tmp_path: Path) -> None:
    pdf = hostile.pdf_operators(tmp_path / "lines.pdf", operators=300_000)

    error = refused(pdf, Limits(max_operators=100_000), "operators")

    assert "第 1 页" in str(error)


def test_a_pdf_stream_of_compressed_spaces_is_refused_after_the_limit(tmp_path: Path) -> None:
    pdf = hostile.pdf_spaces(tmp_path / "spaces.pdf", gigabytes=0.07)
    assert pdf.stat().st_size < 200_000

    refused(pdf, Limits(max_unpacked_mb=20), "unpacked")


def test_a_page_of_scattered_letters_is_read_in_bounded_time_and_memory(tmp_path: Path) -> None:
    import resource

    pdf = hostile.pdf_scattered_text(tmp_path / "scattered.pdf")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.process_time()

    with pytest.raises(IngestError):  # read, and found to be no plan
        parse_file(pdf)

    assert time.process_time() - started < 8
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 300 * 1024  # KB


def test_a_pdf_with_more_pages_than_the_limit_is_refused(tmp_path: Path) -> None:
    pdf = hostile.pdf_operators(tmp_path / "one.pdf", operators=30)

    refused(pdf, Limits(max_pages=0), "pages")


def test_a_small_pdf_within_the_limits_reads(tmp_path: Path) -> None:
    pdf = hostile.pdf_operators(tmp_path / "ok.pdf", operators=30_000)

    with pytest.raises(IngestError) as caught:  # its text is no plan, but it is read
        parse_file(pdf)
    assert not isinstance(caught.value, LimitExceeded)


def test_text_past_the_characters_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("一、重点任务\n" + "（一）推进改革。\n" * 2000, encoding="utf-8")

    refused(path, Limits(max_characters=10_000), "characters")


def test_a_parse_past_its_time_is_stopped() -> None:
    budget = Budget(Limits(max_seconds=1), name="plan.txt", started=clock() - 2)

    with pytest.raises(LimitExceeded) as caught:
        parse_bytes(SAMPLE.read_bytes(), "plan.txt", budget=budget)

    assert caught.value.limit == "seconds" and "1 秒" in str(caught.value)


def test_running_out_of_memory_is_a_limit_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    import reformtrack.ingest.pipeline as pipeline

    def allocate(*args: object, **kwargs: object) -> None:
        raise MemoryError

    monkeypatch.setattr(pipeline, "read_document", allocate)

    with pytest.raises(LimitExceeded) as caught:
        parse_bytes(b"plan", "plan.txt", limits=Limits(max_memory_mb=300))

    assert caught.value.limit == "memory" and "300 MB" in str(caught.value)


def test_the_repair_stops_at_its_budget_and_flags_what_is_left(tmp_path: Path) -> None:
    damaged = (
        hostile.big5_misread(tmp_path / "big5.txt", SAMPLE, size=20_000)
        .read_bytes()
        .decode("big5", "replace")
    )
    budget = Budget(Limits(repair_seconds=0), name="big5.txt")

    started = time.monotonic()
    repaired = repair(damaged, budget=budget)

    assert time.monotonic() - started < 5
    assert any("ran out of time" in str(note) for note in repaired.notes)
    left = [doubt for doubt in repaired.doubts if doubt.reason.code == ReasonCode.UNREPAIRED]
    assert left
    for doubt in left:
        assert 0 <= doubt.start < doubt.end <= len(repaired.text)


def test_with_time_enough_the_sample_is_repaired_whole() -> None:
    repaired = repair(
        SAMPLE.read_text(encoding="utf-8"), budget=Budget(Limits(repair_seconds=60, max_seconds=120))
    )

    assert not any("ran out of time" in str(note) for note in repaired.notes)
    kinds = {doubt.reason.code for doubt in repaired.doubts}
    assert "doubt" in kinds and "unrepaired" not in kinds


def test_the_limits_come_from_the_environment_by_the_settings_names() -> None:
    limits = Limits.from_env({"DOCUMENT_MAX_PAGES": "7", "DOCUMENT_REPAIR_SECONDS": "", "OTHER": "1"})

    assert limits == Limits(max_pages=7)
    with pytest.raises(ValueError, match="DOCUMENT_MAX_OPERATORS"):
        Limits.from_env({"DOCUMENT_MAX_OPERATORS": "many"})
    assert set(ENV_NAMES.values()) == {
        "DOCUMENT_MAX_SECONDS",
        "DOCUMENT_MAX_MEMORY_MB",
        "DOCUMENT_MAX_UNPACKED_MB",
        "DOCUMENT_MAX_PAGES",
        "DOCUMENT_MAX_OPERATORS",
        "DOCUMENT_MAX_CHARACTERS",
        "DOCUMENT_REPAIR_SECONDS",
    }
