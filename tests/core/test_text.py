"""single_line keeps one-line fields on one line; multi_line keeps line breaks and drops other controls."""

from __future__ import annotations

import pytest

from reformtrack.core.text import multi_line, single_line


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("A\r\nB", "A B"),
        ("A\nB", "A B"),
        ("A\rB", "A B"),
        ("A\tB", "A B"),
        ("A \r\n\t B", "A B"),
        ("A\x00B", "A B"),
        ("A\x1bB", "A B"),
        ("A\x7fB", "A B"),
        ("A\x85B", "A B"),
        ("A\x9bB", "A B"),
        ("A\u2028B\u2029C", "A B C"),
        ("\r\n 深化改革 \n", "深化改革"),
        ("A  B", "A  B"),  # ordinary spaces are the writer's own
        ("罗湖区\u3000改革", "罗湖区\u3000改革"),
    ],
)
def test_it_puts_a_value_on_one_line(value: str, expected: str) -> None:
    assert single_line(value) == expected


def test_it_keeps_line_breaks_and_tabs_of_a_running_text_and_drops_other_controls() -> None:
    assert multi_line("一\r\n二\r三\n\t四\x00\x1b\x7f\x9b五\u2028六") == "一\n二\n三\n\t四五\n六"
