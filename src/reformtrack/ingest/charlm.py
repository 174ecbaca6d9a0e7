"""A small character bigram model of simplified Chinese, to choose among repair candidates.

The counts come from jieba's word-frequency dictionary (every word contributes its frequency to
the bigrams inside it) plus, at repair time, the undamaged text of the document itself, which
knows the document's own vocabulary (unit names, place names) far better than any general list.
Only the relative scores of candidates matter, so a simple model is enough; the one subtlety is
that a dictionary has no bigrams across word boundaries (see :meth:`CharLM.logp`).
"""

from __future__ import annotations

import hashlib
import marshal
import math
import os
import tempfile
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import cast

# Weight of one bigram seen in the document against one occurrence in jieba's dictionary
# frequencies. The dictionary's total is ~60M; a document has ~50k characters, so its own
# counts need a large weight to matter for its own names.
DOC_WEIGHT = 400.0
# Dirichlet prior: how many pseudo-observations the unigram back-off gets.
SMOOTHING = 50.0
# Pseudo-count of the bigram back-off against the document's trigram counts.
TRIGRAM_PRIOR = 2.0
# Longest word the word model looks up.
MAX_WORD = 6


_Counts = tuple[dict[str, float], dict[str, float], dict[str, float], float, dict[str, int]]
_CACHE_FORMAT = 1


@lru_cache(maxsize=1)
def _base_counts() -> _Counts:
    """Unigram, bigram and "followed within a word" counts from jieba's dictionary, and the
    dictionary's word frequencies.

    Counting takes about 2 s of CPU, the largest fixed cost of a repair; the counts are kept in
    the user's cache folder (``$XDG_CACHE_HOME/reformtrack``, else ``~/.cache/reformtrack``) as a
    marshal file, which loads in a fifth of that. A cache that cannot be read or written is
    ignored: the counts are made again.
    """
    data = resources.files("jieba").joinpath("dict.txt").read_bytes()
    cache = _cache_file(data)
    cached = _read_cache(cache) if cache is not None else None
    if cached is not None:
        return cached
    counts = _count(data.decode("utf-8"))
    if cache is not None:
        _write_cache(cache, counts)
    return counts


def _cache_file(data: bytes) -> Path | None:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if not base or base == ".cache":  # no home folder
        return None
    key = hashlib.sha256(data).hexdigest()[:16]
    return Path(base) / "reformtrack" / f"charlm-{_CACHE_FORMAT}-{key}.marshal"


def _read_cache(path: Path) -> _Counts | None:
    try:
        counts = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    shapes = (dict, dict, dict, float, dict)
    if not (isinstance(counts, tuple) and len(counts) == 5 and all(map(isinstance, counts, shapes))):
        return None
    return cast("_Counts", counts)


def _write_cache(path: Path, counts: _Counts) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as handle:
            handle.write(marshal.dumps(counts))
        os.replace(handle.name, path)  # whole or not at all, for a parse running meanwhile
    except OSError:
        return


def _count(text: str) -> _Counts:
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
    total = float(sum(uni.values()))
    return dict(uni), dict(bi), dict(follow), total, words


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


class CharLM:
    """Bigram log-probabilities over simplified characters, optionally adapted to one document."""

    def __init__(self, document: Iterable[str] = ()) -> None:
        self._uni, self._bi, self._follow, self._total, self._words = _base_counts()
        self._word_total = math.log(sum(self._words.values()))
        self._doc_uni: Counter[str] = Counter()
        self._doc_bi: Counter[str] = Counter()
        self._doc_tri: Counter[str] = Counter()
        for chunk in document:
            self._doc_uni.update(chunk)
            self._doc_bi.update(chunk[i : i + 2] for i in range(len(chunk) - 1))
            self._doc_tri.update(chunk[i : i + 3] for i in range(len(chunk) - 2))
        self._doc_total = float(sum(self._doc_uni.values()))
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
            context = self._context.get(prev)
            if context is None:
                # The dictionary only has bigrams inside words: where ``prev`` ends a word
                # (its count minus the times a character follows it within a word) the next
                # character starts a new word, drawn from the unigram distribution.
                word_end = self._uni.get(prev, 0.0) - self._follow.get(prev, 0.0)
                context = self._context[prev] = (self.count(prev) + SMOOTHING, word_end + SMOOTHING)
            pair = prev + ch
            c_pair = self._bi.get(pair, 0.0) + DOC_WEIGHT * self._doc_bi.get(pair, 0)
            value = math.log((c_pair + context[1] * p_uni) / context[0])
        row[ch] = value
        return value

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
        for ch in text:
            total += self.logp3(context, ch)
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
            # A single character that is no word of the dictionary (punctuation, a rare
            # character) costs what the character model says, scaled down to word odds.
            single = self._words.get(ch)
            top = (
                math.log(single) - self._word_total if single else math.log(self.unigram(ch)) - 2.0
            ) + best[i + 1]
            for j in range(i + 2, min(n, i + MAX_WORD) + 1):
                freq = self._words.get(text[i:j])
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
