"""The dictionary counts of the repair's model are kept in the user's cache folder, safely."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reformtrack.ingest import charlm


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    charlm._base_counts.cache_clear()
    yield tmp_path / "reformtrack"
    charlm._base_counts.cache_clear()


def test_the_counts_come_back_the_same_from_the_cache(cache_home: Path) -> None:
    counted = charlm._base_counts()
    (cache_file,) = cache_home.glob("charlm-*.marshal")
    charlm._base_counts.cache_clear()

    assert charlm._base_counts() == counted
    assert cache_file.stat().st_size > 1_000_000


def test_a_damaged_cache_is_counted_again_and_replaced(cache_home: Path) -> None:
    counted = charlm._base_counts()
    (cache_file,) = cache_home.glob("charlm-*.marshal")
    cache_file.write_bytes(b"not marshal at all")
    charlm._base_counts.cache_clear()

    assert charlm._base_counts() == counted
    assert cache_file.stat().st_size > 1_000_000


def test_a_cache_folder_that_cannot_be_written_costs_only_the_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder would go")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    charlm._base_counts.cache_clear()
    try:
        uni, bi, _follow, total, words = charlm._base_counts()
    finally:
        charlm._base_counts.cache_clear()

    assert total > 0 and "改革" in words and "改革" in bi and "改" in uni
