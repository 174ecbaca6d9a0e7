"""Bad input ends with exit code 2 and one clear line on stderr; nothing is stored."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reformtrack.ingest.model import Target
from reformtrack.ledger.models import Chapter, Plan, Project, SourceDocument, Unit

from .conftest import FakeParser, Invoke, MakePlan, assert_one_line_error

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def write(data: bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / "document.txt"
        path.write_bytes(data)
        return path

    return make


def fifty_megabytes(folder: Path) -> Path:
    path = folder / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024 + 1)
    return path


def image(folder: Path) -> Path:
    path = folder / "scan.png"
    path.write_bytes(PNG)
    return path


BAD_DOCUMENTS: dict[str, Callable[[Path], Path]] = {
    "empty": write(b""),
    "binary": write(bytes(range(256)) * 64),
    "image": image,
    "too large": fifty_megabytes,
    "no structure": write("今天天气很好，我们去公园散步。\n傍晚回家，吃了晚饭，看了一会儿书。\n".encode()),
    "unknown encoding": write(bytes([0x81, 0x20, 0xFE, 0x7F, 0xC0, 0x0A]) * 500),
    "missing": lambda folder: folder / "missing.txt",
    "folder": lambda folder: folder,
}


@pytest.mark.parametrize("kind", BAD_DOCUMENTS)
def test_parse_refuses_bad_documents_in_one_line(invoke: Invoke, tmp_path: Path, kind: str) -> None:
    path = BAD_DOCUMENTS[kind](tmp_path)

    assert_one_line_error(invoke("parse", path))


@pytest.mark.django_db
@pytest.mark.parametrize("kind", BAD_DOCUMENTS)
def test_import_refuses_bad_documents_and_stores_nothing(invoke: Invoke, tmp_path: Path, kind: str) -> None:
    path = BAD_DOCUMENTS[kind](tmp_path)

    assert_one_line_error(invoke("import", path))
    assert Plan.objects.count() == SourceDocument.objects.count() == Unit.objects.count() == 0


@pytest.mark.django_db
def test_a_failure_late_in_the_import_stores_nothing(
    invoke: Invoke, fake_parser: FakeParser, make_plan: MakePlan, document: Path
) -> None:
    parsed = make_plan(chapters=3, projects=3)
    # a target from 9 down to 1 breaks a CHECK constraint after everything else is written
    parsed.chapters[-1].items[-1].targets.append(Target(text="9至1个", subject="x", min=9, max=1, unit="个"))
    fake_parser(parsed)

    assert_one_line_error(invoke("import", document), "plan.txt")
    assert (
        Plan.objects.count()
        == Chapter.objects.count()
        == Project.objects.count()
        == Unit.objects.count()
        == 0
    )


@pytest.mark.django_db
def test_values_too_long_for_the_database_are_refused(
    invoke: Invoke, fake_parser: FakeParser, make_plan: MakePlan, document: Path
) -> None:
    fake_parser(make_plan(lead_units=("单位" * 200,)))

    assert_one_line_error(invoke("import", document), "unit name", "nothing was stored")


@pytest.mark.django_db
@pytest.mark.parametrize("command", [("show", "7"), ("export", "7", "--xlsx", "out.xlsx")])
def test_an_unknown_plan_is_refused(invoke: Invoke, command: tuple[str, ...]) -> None:
    assert_one_line_error(invoke(*command), "no plan '7'")


def test_a_parser_bug_is_still_one_line(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch, document: Path
) -> None:
    import reformtrack.ingest

    def broken(path: Path, **limits: object) -> None:
        raise ValueError("unexpected")

    monkeypatch.setattr(reformtrack.ingest, "parse_file", broken, raising=False)
    monkeypatch.setattr(reformtrack.ingest, "parse_document_file", broken, raising=False)

    assert_one_line_error(invoke("parse", document), "ValueError: unexpected", "please report")
