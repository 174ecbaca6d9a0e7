"""Helpers for the CLI tests: a runner, one-line error checks, and a stand-in for the parser."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import reformtrack.ingest
from reformtrack.cli import cli
from reformtrack.ingest.model import ParsedDocument, ParsedPlan

Invoke = Callable[..., Result]
FakeParser = Callable[[ParsedPlan], None]
MakePlan = Callable[..., ParsedPlan]


@pytest.fixture
def invoke() -> Invoke:
    """Run ``reformtrack ARGS…`` in this process: ``invoke("show", "1")``."""
    runner = CliRunner()

    def run(*args: str | Path) -> Result:
        return runner.invoke(cli, [str(arg) for arg in args], prog_name="reformtrack", catch_exceptions=True)

    return run


def assert_one_line_error(result: Result, *fragments: str) -> None:
    """Exit code 2, one ``Error: …`` line on stderr, no traceback."""
    assert result.exit_code == 2, (result.exit_code, result.output, result.exception)
    assert isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: "), lines[0]
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])


@pytest.fixture
def fake_parser(monkeypatch: pytest.MonkeyPatch) -> FakeParser:
    """Make ``parse_file``/``parse_bytes`` (and ``parse_document_*``, a document of that one
    plan) return a hand-made plan, so a CLI test does not depend
    on the parser's judgement of a document."""

    def use(plan: ParsedPlan) -> None:
        def parse_file(path: str | Path, **limits: object) -> ParsedPlan:
            Path(path).stat()  # a missing file still fails as it would
            return plan

        def parse_bytes(data: bytes, filename: str, **limits: object) -> ParsedPlan:
            return plan

        def parse_document_file(path: str | Path, **limits: object) -> ParsedDocument:
            return ParsedDocument(plan.title, plan.doc_number, plan.issued, [parse_file(path)])

        def parse_document_bytes(data: bytes, filename: str, **limits: object) -> ParsedDocument:
            return ParsedDocument(plan.title, plan.doc_number, plan.issued, [plan])

        monkeypatch.setattr(reformtrack.ingest, "parse_file", parse_file, raising=False)
        monkeypatch.setattr(reformtrack.ingest, "parse_bytes", parse_bytes, raising=False)
        monkeypatch.setattr(reformtrack.ingest, "parse_document_file", parse_document_file, raising=False)
        monkeypatch.setattr(reformtrack.ingest, "parse_document_bytes", parse_document_bytes, raising=False)

    return use


@pytest.fixture
def document(tmp_path: Path) -> Path:
    """A document file for the stand-in parser; its bytes make its SHA-256."""
    path = tmp_path / "plan.txt"
    path.write_text("深圳市罗湖区全面推进改革创新总体方案\n", encoding="utf-8")
    return path
