"""`reformtrack bench parse PATH…` prints one JSON line of speed figures."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import FakeParser, Invoke, MakePlan, assert_one_line_error

KEYS = {"docs", "bytes", "seconds", "ms_per_doc", "mb_per_s", "cpu_ms_per_doc", "first_ms", "model_ms"}


def test_it_prints_one_json_line(
    invoke: Invoke, fake_parser: FakeParser, make_plan: MakePlan, document: Path
) -> None:
    fake_parser(make_plan())

    result = invoke("bench", "parse", "--repeat", "3", document, document)

    assert result.exit_code == 0, result.output
    assert result.output.count("\n") == 1
    figures = json.loads(result.output)
    assert set(figures) == KEYS
    assert figures["docs"] == 6
    assert figures["bytes"] == 6 * len(document.read_bytes())
    assert all(figures[key] > 0 for key in KEYS)


def test_it_repeats_until_a_second_or_twenty_runs_by_default(
    invoke: Invoke, fake_parser: FakeParser, make_plan: MakePlan, document: Path
) -> None:
    fake_parser(make_plan())

    figures = json.loads(invoke("bench", "parse", document).output)

    assert 1 <= figures["docs"] <= 20


def test_it_benchmarks_a_real_document(invoke: Invoke, fixtures_dir: Path) -> None:
    result = invoke("bench", "parse", "--repeat", "2", fixtures_dir / "small-plan.txt")

    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert set(figures) == KEYS
    assert figures["docs"] == 2
    assert all(figures[key] > 0 for key in KEYS)


def test_it_refuses_a_bad_document(invoke: Invoke, tmp_path: Path) -> None:
    assert_one_line_error(invoke("bench", "parse", tmp_path / "missing.txt"), "missing.txt")
