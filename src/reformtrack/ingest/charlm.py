"""A small character bigram model of simplified Chinese, to choose among repair candidates.

The counts come from jieba's word-frequency dictionary (every word contributes its frequency to
the bigrams inside it) plus, at repair time, the undamaged text of the document itself, which
knows the document's own vocabulary (unit names, place names) far better than any general list.
Only the relative scores of candidates matter, so a simple model is enough; the one subtlety is
that a dictionary has no bigrams across word boundaries (see :meth:`CharLM.logp`).
"""

from __future__ import annotations

import math
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


@lru_cache(maxsize=1)
def _base_counts() -> tuple[dict[str, float], dict[str, float], dict[str, float], float]:
    """Unigram, bigram and "followed within a word" counts from jieba's dictionary."""
    uni: Counter[str] = Counter()
    bi: Counter[str] = Counter()
    follow: Counter[str] = Counter()
    text = resources.files("jieba").joinpath("dict.txt").read_text(encoding="utf-8")
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
        for ch in word:
            uni[ch] += freq
        for i in range(len(word) - 1):
            bi[word[i : i + 2]] += freq
            follow[word[i]] += freq
    total = float(sum(uni.values()))
    return dict(uni), dict(bi), dict(follow), total


class CharLM:
    """Bigram log-probabilities over simplified characters, optionally adapted to one document."""

    def __init__(self, document: Iterable[str] = ()) -> None:
        self._uni, self._bi, self._follow, self._total = _base_counts()
        self._doc_uni: Counter[str] = Counter()
        self._doc_bi: Counter[str] = Counter()
        for chunk in document:
            self._doc_uni.update(chunk)
            self._doc_bi.update(chunk[i : i + 2] for i in range(len(chunk) - 1))
        self._doc_total = float(sum(self._doc_uni.values()))
        self._cache: dict[str, dict[str, float]] = {}

    def unigram(self, ch: str) -> float:
        """Smoothed probability of one character."""
        count = self._uni.get(ch, 0.0) + DOC_WEIGHT * self._doc_uni.get(ch, 0)
        total = self._total + DOC_WEIGHT * self._doc_total
        # Floor: an unseen character is possible but very unlikely.
        return (count + 0.01) / (total + 0.01 * 30000)

    def count(self, ch: str) -> float:
        """Raw (weighted) count of a character; 0 for one never seen."""
        return self._uni.get(ch, 0.0) + DOC_WEIGHT * self._doc_uni.get(ch, 0)

    def logp(self, prev: str, ch: str) -> float:
        """log P(ch | prev); ``prev`` may be "" for no context."""
        row = self._cache.get(prev)
        if row is None:
            row = self._cache[prev] = {}
        hit = row.get(ch)
        if hit is not None:
            return hit
        p_uni = self.unigram(ch)
        if not prev:
            value = math.log(p_uni)
        else:
            pair = prev + ch
            c_pair = self._bi.get(pair, 0.0) + DOC_WEIGHT * self._doc_bi.get(pair, 0)
            c_prev = self.count(prev)
            # The dictionary only has bigrams inside words: where ``prev`` ends a word (its
            # count minus the times a character follows it within a word) the next character
            # starts a new word, drawn from the unigram distribution.
            word_end = self._uni.get(prev, 0.0) - self._follow.get(prev, 0.0)
            value = math.log((c_pair + (word_end + SMOOTHING) * p_uni) / (c_prev + SMOOTHING))
        row[ch] = value
        return value

    def score(self, text: str, prev: str = "") -> float:
        """Total log-probability of ``text`` following ``prev``."""
        total = 0.0
        for ch in text:
            total += self.logp(prev, ch)
            prev = ch
        return total
