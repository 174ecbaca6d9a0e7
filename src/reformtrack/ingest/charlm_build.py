"""Build the character model's data file (``ingest/data/charlm.bin``) from jieba's dictionary.

Counting jieba's 350,000 words takes about 1.3 s, too long for the first parse of a process, so
the counts are made once, here, and the file is shipped in the package (``make charlm``, or
``python -m reformtrack.ingest.charlm_build``). tests/ingest/test_charlm_data.py checks that the
shipped file is what this module makes of the installed jieba's dictionary.

The file (read by :mod:`.charlm`)::

    b"RTCHARLM\\n" + one line of JSON (the header) + zlib(text + counts)

``text`` is UTF-8 lines: the unigram characters, the characters a character follows within a
word, then one line per character that starts a bigram (that character, then each character that
follows it), then one line per first character of a word (the words, space-separated). ``counts``
are little-endian unsigned 32-bit frequencies in the same order. Rows are grouped by their first
character so that :mod:`.charlm` turns only the rows a document asks for into dictionaries.
"""

from __future__ import annotations

import hashlib
import json
import sys
import zlib
from array import array
from collections import Counter
from importlib import resources
from pathlib import Path

MAGIC = b"RTCHARLM\n"
FORMAT = 2
# Longest word the word model looks up (charlm.MAX_WORD); longer words are never asked for.
MAX_WORD = 6
DATA_FILE = Path(__file__).parent / "data" / "charlm.bin"

Counts = tuple[dict[str, int], dict[str, int], dict[str, int], dict[str, int]]


def jieba_dictionary() -> bytes:
    """The bytes of the installed jieba's word-frequency dictionary."""
    return resources.files("jieba").joinpath("dict.txt").read_bytes()


def count(text: str) -> Counts:
    """Unigram, "followed within a word", bigram and word counts of a jieba dictionary text:
    every word contributes its frequency to the characters and bigrams inside it."""
    uni: Counter[str] = Counter()
    bi: Counter[str] = Counter()
    follow: Counter[str] = Counter()
    words: dict[str, int] = {}
    for line in text.splitlines():
        parts = line.split(" ")
        if len(parts) < 2:
            continue
        word = parts[0]
        try:
            freq = int(parts[1])
        except ValueError:
            continue
        if freq <= 0:
            continue
        words[word] = words.get(word, 0) + freq
        for ch in word:
            uni[ch] += freq
        for i in range(len(word) - 1):
            bi[word[i : i + 2]] += freq
            follow[word[i]] += freq
    return dict(uni), dict(follow), dict(bi), words


def build(dictionary: bytes) -> bytes:
    """The data file's bytes for a jieba dictionary (deterministic: sorted rows, fixed zlib level)."""
    uni, follow, bi, words = count(dictionary.decode("utf-8"))
    lines: list[str] = []
    counts = array("I")

    def add(line: str, values: list[int]) -> None:
        lines.append(line)
        counts.extend(values)

    uni_chars = sorted(uni)
    add("".join(uni_chars), [uni[c] for c in uni_chars])
    follow_chars = sorted(follow)
    add("".join(follow_chars), [follow[c] for c in follow_chars])
    by_prev: dict[str, list[str]] = {}
    for pair in sorted(bi):
        by_prev.setdefault(pair[0], []).append(pair[1])
    for prev, nexts in by_prev.items():
        add(prev + "".join(nexts), [bi[prev + n] for n in nexts])
    by_first: dict[str, list[str]] = {}
    for word in sorted(w for w in words if len(w) <= MAX_WORD and " " not in w and "\n" not in w):
        by_first.setdefault(word[0], []).append(word)
    for group in by_first.values():
        add(" ".join(group), [words[w] for w in group])
    if sys.byteorder == "big":
        counts.byteswap()
    header = {
        "format": FORMAT,
        "jieba_sha256": hashlib.sha256(dictionary).hexdigest(),
        "bigram_rows": len(by_prev),
        "word_rows": len(by_first),
        "text_bytes": len("\n".join(lines).encode("utf-8")),
        # totals over everything counted, the long words the file leaves out included
        "total": sum(uni.values()),
        "word_total": sum(words.values()),
    }
    payload = "\n".join(lines).encode("utf-8") + counts.tobytes()
    return MAGIC + json.dumps(header, sort_keys=True).encode("ascii") + b"\n" + zlib.compress(payload, 9)


def main() -> None:
    """Write the data file next to the module, from the installed jieba's dictionary."""
    data = build(jieba_dictionary())
    DATA_FILE.write_bytes(data)
    print(f"{DATA_FILE}: {len(data):,} bytes")


if __name__ == "__main__":
    main()
