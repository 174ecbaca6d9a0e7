"""A small character bigram model of simplified Chinese, to choose among repair candidates.

The counts come from jieba's word-frequency dictionary (every word contributes its frequency to
the bigrams inside it), counted at build time into ``data/charlm.bin`` by :mod:`.charlm_build`,
plus, at repair time, the undamaged text of the document itself, which knows the document's own
vocabulary (unit names, place names) far better than any general list. Only the relative scores
of candidates matter, so a simple model is enough; the one subtlety is that a dictionary has no
bigrams across word boundaries (see :meth:`CharLM.logp`).
"""

from __future__ import annotations

import json
import math
import sys
import time
import zlib
from array import array
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

# Weight of one bigram seen in the document against one occurrence in jieba's dictionary
# frequencies. The dictionary's total is ~60M; a document has ~50k characters, so its own
# counts need a large weight to matter for its own names.
DOC_WEIGHT = 400.0
# Dirichlet prior: how many pseudo-observations the unigram back-off gets.
SMOOTHING = 50.0
# Pseudo-count of the bigram back-off against the document's trigram counts.
TRIGRAM_PRIOR = 2.0
# What the word model charges a punctuation mark, which no dictionary lists: about what the most
# frequent words cost (的 -5.2), as often as marks stand between the words of a plan. Charged as a
# rare character (-14 for “), a quote whose lead byte was lost lost to any character that made a
# word with its neighbour (强化及时尚罗湖 for 强化“时尚罗湖”; quoted_measures_plan in
# tests/ingest/test_repair.py). Measured: -3 to -6 read the sample and the damaged fixtures alike.
PUNCTUATION_WORD_LOGP = -5.0
_PUNCTUATION = frozenset("“”‘’「」『』《》〈〉（）【】〔〕，。、；：？！…—·")
# Longest word the word model looks up.
MAX_WORD = 6


_MAGIC = b"RTCHARLM\n"
_FORMAT = 2
_DATA = "charlm.bin"


class _Base:
    """jieba's dictionary counts, read from the package's data file (:mod:`.charlm_build`).

    The unigram counts are read whole; the bigram and word rows (grouped by their first
    character) stay text until a document asks for one, so the model is ready in a few
    tens of milliseconds.
    """

    def __init__(self, data: bytes) -> None:
        if not data.startswith(_MAGIC):
            raise ValueError("not a character model file")
        header_end = data.index(b"\n", len(_MAGIC))
        header = json.loads(data[len(_MAGIC) : header_end])
        if header["format"] != _FORMAT:
            raise ValueError(f"character model format {header['format']}, expected {_FORMAT}")
        payload = zlib.decompress(data[header_end + 1 :])
        split = header["text_bytes"]
        counts = array("I")
        counts.frombytes(payload[split:])
        if sys.byteorder == "big":
            counts.byteswap()
        self.counts = counts
        lines = payload[:split].decode("utf-8").split("\n")
        self.total = float(header["total"])
        self.word_total = math.log(header["word_total"])
        pos = 0
        uni_chars, follow_chars = lines[0], lines[1]
        self.uni: dict[str, float] = dict(zip(uni_chars, counts[: len(uni_chars)], strict=True))
        pos = len(uni_chars)
        self.follow: dict[str, float] = dict(
            zip(follow_chars, counts[pos : pos + len(follow_chars)], strict=True)
        )
        pos += len(follow_chars)
        n_bigram_rows = header["bigram_rows"]
        # first character -> (the row's text, where its counts start)
        self._bigram_rows: dict[str, tuple[str, int]] = {}
        for line in lines[2 : 2 + n_bigram_rows]:
            self._bigram_rows[line[0]] = (line, pos)
            pos += len(line) - 1
        self._word_rows: dict[str, tuple[str, int]] = {}
        for line in lines[2 + n_bigram_rows :]:
            self._word_rows[line[0]] = (line, pos)
            pos += line.count(" ") + 1
        self._bigrams: dict[str, dict[str, int]] = {}
        self._words: dict[str, dict[str, int]] = {}

    def bigrams(self, prev: str) -> dict[str, int]:
        """The characters that follow ``prev`` within a word, with their counts."""
        row = self._bigrams.get(prev)
        if row is None:
            found = self._bigram_rows.get(prev)
            if found is None:
                row = {}
            else:
                line, at = found
                row = dict(zip(line[1:], self.counts[at : at + len(line) - 1], strict=True))
            self._bigrams[prev] = row
        return row

    def words(self, first: str) -> dict[str, int]:
        """The words (up to ``MAX_WORD`` characters) that start with ``first``, with their
        frequencies."""
        row = self._words.get(first)
        if row is None:
            found = self._word_rows.get(first)
            if found is None:
                row = {}
            else:
                line, at = found
                group = line.split(" ")
                row = dict(zip(group, self.counts[at : at + len(group)], strict=True))
            self._words[first] = row
        return row


@lru_cache(maxsize=1)
def _base() -> _Base:
    """The dictionary counts, read once per process from the shipped data file."""
    return _Base(resources.files(__package__).joinpath("data", _DATA).read_bytes())


def load_seconds() -> float:
    """Read the character model afresh from its data file and make a model of it, as the first
    damaged document of a process does; returns the seconds taken (``reformtrack bench parse``)."""
    _base.cache_clear()
    started = time.perf_counter()
    CharLM()
    return time.perf_counter() - started


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


class CharLM:
    """Bigram log-probabilities over simplified characters, optionally adapted to one document."""

    def __init__(self, document: Iterable[str] = ()) -> None:
        base = self._base = _base()
        self._uni, self._follow, self._total = base.uni, base.follow, base.total
        self._word_total = base.word_total
        self._doc_uni: Counter[str] = Counter()
        self._doc_bi: Counter[str] = Counter()
        self._doc_tri: Counter[str] = Counter()
        for chunk in document:
            self._doc_uni.update(chunk)
            self._doc_bi.update(chunk[i : i + 2] for i in range(len(chunk) - 1))
            self._doc_tri.update(chunk[i : i + 3] for i in range(len(chunk) - 2))
        self._doc_total = float(sum(self._doc_uni.values()))
        self._doc_next: dict[str, set[str]] = {}
        for pair in self._doc_bi:
            self._doc_next.setdefault(pair[0], set()).add(pair[1])
        self._successors: dict[str, frozenset[str]] = {}
        self._log_unigram: dict[str, float] = {}
        self._backoff: dict[str, float] = {}
        self._trigram_cache: dict[str, float] = {}  # last two characters + ch -> logp3
        self._cache: dict[str, dict[str, float]] = {}
        self._unigram_cache: dict[str, float] = {}
        self._unigram_denominator = self._total + DOC_WEIGHT * self._doc_total + 0.01 * 30000
        # per previous character: (its weighted count + SMOOTHING, word-end mass + SMOOTHING)
        self._context: dict[str, tuple[float, float]] = {}

    def unigram(self, ch: str) -> float:
        """Smoothed probability of one character."""
        hit = self._unigram_cache.get(ch)
        if hit is None:
            count = self._uni.get(ch, 0.0) + DOC_WEIGHT * self._doc_uni.get(ch, 0)
            # Floor: an unseen character is possible but very unlikely.
            hit = self._unigram_cache[ch] = (count + 0.01) / self._unigram_denominator
        return hit

    def count(self, ch: str) -> float:
        """Raw (weighted) count of a character; 0 for one never seen."""
        return self._uni.get(ch, 0.0) + DOC_WEIGHT * self._doc_uni.get(ch, 0)

    def base_count(self, ch: str) -> float:
        """The dictionary's count of a character, the document aside."""
        return self._uni.get(ch, 0.0)

    def document_chars(self) -> Iterable[str]:
        """The characters of the document the model was adapted to."""
        return self._doc_uni.keys()

    def row(self, prev: str) -> dict[str, float]:
        """The cached log-probabilities after ``prev`` (filled by :meth:`logp`)."""
        row = self._cache.get(prev)
        if row is None:
            row = self._cache[prev] = {}
        return row

    def logp(self, prev: str, ch: str) -> float:
        """log P(ch | prev); ``prev`` may be "" for no context."""
        row = self._cache.get(prev)
        if row is None:
            row = self._cache[prev] = {}
        hit = row.get(ch)
        if hit is not None:
            return hit
        p_uni = self.unigram(ch)
        if not prev or not _is_cjk(prev):
            # After punctuation a new phrase starts: the dictionary knows nothing of such
            # pairs and the document's few would say "anything but a character" is unlikely.
            value = math.log(p_uni)
        else:
            context = self._context_of(prev)
            pair = prev + ch
            c_pair = self._base.bigrams(prev).get(ch, 0.0) + DOC_WEIGHT * self._doc_bi.get(pair, 0)
            if c_pair:
                value = math.log((c_pair + context[1] * p_uni) / context[0])
            else:
                # the back-off alone, computed as the search's shortcut computes it
                # (gbksearch: backoff + log_unigram), so that both give the same number
                value = self.backoff(prev) + self.log_unigram(ch)
        row[ch] = value
        return value

    def log_unigram(self, ch: str) -> float:
        """log of :meth:`unigram`: what :meth:`logp` gives ``ch`` after a character that has no
        pair with it, less that character's :meth:`backoff`."""
        hit = self._log_unigram.get(ch)
        if hit is None:
            hit = self._log_unigram[ch] = math.log(self.unigram(ch))
        return hit

    def log_unigrams(self) -> dict[str, float]:
        """The cache of :meth:`log_unigram`, for loops that look many characters up."""
        return self._log_unigram

    def backoff(self, prev: str) -> float:
        """What :meth:`logp` adds to :meth:`log_unigram` for a character that never follows
        ``prev`` (not in :meth:`successors`); 0 after no character or a non-character.

        ``logp(prev, ch) >= backoff(prev) + log_unigram(ch)`` for every ``ch``, with equality
        outside the successors: the search uses it to find the best previous character for many
        candidates at once, without a probability per pair.
        """
        hit = self._backoff.get(prev)
        if hit is None:
            if not prev or not _is_cjk(prev):
                hit = 0.0
            else:
                context = self._context_of(prev)
                hit = math.log(context[1] / context[0])
            self._backoff[prev] = hit
        return hit

    def successors(self, prev: str) -> frozenset[str]:
        """The characters that have a pair count after ``prev`` (dictionary or document)."""
        hit = self._successors.get(prev)
        if hit is None:
            if not prev or not _is_cjk(prev):
                hit = frozenset()
            else:
                hit = frozenset(self._base.bigrams(prev)).union(self._doc_next.get(prev, ()))
            self._successors[prev] = hit
        return hit

    def _context_of(self, prev: str) -> tuple[float, float]:
        context = self._context.get(prev)
        if context is None:
            # The dictionary only has bigrams inside words: where ``prev`` ends a word
            # (its count minus the times a character follows it within a word) the next
            # character starts a new word, drawn from the unigram distribution.
            word_end = self._uni.get(prev, 0.0) - self._follow.get(prev, 0.0)
            context = self._context[prev] = (self.count(prev) + SMOOTHING, word_end + SMOOTHING)
        return context

    def logp3(self, context: str, ch: str) -> float:
        """log P(ch | last two characters of ``context``): the document's own trigrams, backed
        off to :meth:`logp`. A plan repeats its phrases (公共文化, 公共服务), and a trigram
        seen in it is the best evidence there is for a damaged spot."""
        prev = context[-1:]
        base = self.logp(prev, ch)
        if len(context) < 2:
            return base
        history = context[-2:]
        seen = self._doc_bi.get(history, 0)
        if not seen:
            return base
        hits = self._doc_tri.get(history + ch, 0)
        return math.log((hits + TRIGRAM_PRIOR * math.exp(base)) / (seen + TRIGRAM_PRIOR))

    def score3(self, text: str, context: str = "") -> float:
        """Total trigram log-probability of ``text`` following ``context``."""
        total = 0.0
        cache = self._trigram_cache
        for ch in text:
            key = context[-2:] + ch
            hit = cache.get(key)
            if hit is None:
                hit = cache[key] = self.logp3(context, ch)
            total += hit
            context = context[-1:] + ch
        return total

    def word_score(self, text: str) -> float:
        """log-probability of ``text`` under a unigram word model (jieba's frequencies), on
        its most probable segmentation. Unlike a character model it does not charge a word
        for being long: 水平 costs about what 水 does."""
        n = len(text)
        best = [0.0] * (n + 1)
        for i in range(n - 1, -1, -1):
            ch = text[i]
            # A single character that is no word of the dictionary costs what the character
            # model says, scaled down to word odds; a punctuation mark what a frequent word does.
            words = self._base.words(ch)
            single = words.get(ch)
            if single:
                top = math.log(single) - self._word_total + best[i + 1]
            elif ch in _PUNCTUATION:
                top = PUNCTUATION_WORD_LOGP + best[i + 1]
            else:
                top = math.log(self.unigram(ch)) - 2.0 + best[i + 1]
            for j in range(i + 2, min(n, i + MAX_WORD) + 1):
                freq = words.get(text[i:j])
                if freq:
                    v = math.log(freq) - self._word_total + best[j]
                    if v > top:
                        top = v
            best[i] = top
        return best[0]

    def score(self, text: str, prev: str = "") -> float:
        """Total log-probability of ``text`` following ``prev``."""
        total = 0.0
        for ch in text:
            total += self.logp(prev, ch)
            prev = ch
        return total
