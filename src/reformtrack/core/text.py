"""Text from people and documents made safe to store: one-line fields stay on one line.

A title, a name or a subject travels into places where a line break or a control character does
harm: an e-mail header (a CR/LF there makes Django refuse the whole message), a spreadsheet cell,
a log line, a page heading. Services pass single-line values through :func:`single_line` and
multi-line ones (report text, comments) through :func:`multi_line` before they write them.
"""

from __future__ import annotations

import re

# C0 controls, DEL and C1 controls, and the Unicode line and paragraph separators.
_CONTROLS = "\x00-\x1f\x7f-\x9f\u2028\u2029"
# A run of white space that holds at least one control: in a one-line value it is one space.
# Runs of ordinary spaces are left as typed (they are the writer's, not a break in the value).
_BREAK_RUN = re.compile(rf"[^\S{_CONTROLS}]*[{_CONTROLS}][\s{_CONTROLS}]*")
# Line breaks in every spelling: CR LF, a lone CR (old Mac), VT and FF (Word's manual line and page
# breaks), NEL, and the Unicode separators.
_LINE_BREAK = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
# What a multi-line text keeps of the controls: newline and tab only.
_OTHER_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def single_line(value: object) -> str:
    """``value`` as one line: every run of white space holding a line break, tab or other control
    character (C0, DEL, C1, U+2028/U+2029) becomes one space; the ends are stripped.

    ``"A\\r\\nB"`` is ``"A B"``; ``"A  B"`` stays as it is.
    """
    return _BREAK_RUN.sub(" ", str(value)).strip()


def multi_line(value: object) -> str:
    """``value`` with its line breaks as ``\\n`` and tabs kept, every other control character
    (NUL, escape, DEL, C1) dropped. The ends are left alone: callers strip where they mean to."""
    return _OTHER_CONTROLS.sub("", _LINE_BREAK.sub("\n", str(value)))
