"""The accessible challenge of the rating form: a sum of two numbers written in Chinese words and in
digits ("三加五等于几？（3 + 5）"), read by a screen reader and answered offline, never an image.

The answer travels in a signed token as an HMAC, never in clear; a token is good for 30 minutes and
for one try (its nonce is taken in the cache), so a bot cannot try every answer on one question.
"""

from __future__ import annotations

import secrets
import unicodedata
from dataclasses import dataclass

from django.core import signing
from django.core.cache import cache
from django.utils.crypto import constant_time_compare, salted_hmac

__all__ = ["Challenge", "challenge_check", "challenge_new", "read_answer"]

MAX_AGE = 30 * 60
_SALT = "reformtrack.ratings.challenge"
_WORDS = "零一二三四五六七八九十"


@dataclass(frozen=True)
class Challenge:
    question: str
    token: str


def _in_words(number: int) -> str:
    """0–99 in Chinese words (十二, 二十, 十八)."""
    tens, ones = divmod(number, 10)
    if not tens:
        return _WORDS[ones]
    return ("" if tens == 1 else _WORDS[tens]) + "十" + (_WORDS[ones] if ones else "")


def _mac(nonce: str, answer: int) -> str:
    return salted_hmac(_SALT, f"{nonce}:{answer}", algorithm="sha256").hexdigest()


def challenge_new() -> Challenge:
    """A new question and its token."""
    first, second = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    nonce = secrets.token_urlsafe(12)
    token = signing.dumps({"n": nonce, "h": _mac(nonce, first + second)}, salt=_SALT)
    question = f"{_in_words(first)}加{_in_words(second)}等于几？（{first} + {second}）"
    return Challenge(question=question, token=token)


def read_answer(text: str) -> int | None:
    """The number a citizen typed: digits (full-width too) or Chinese words; ``None`` if neither."""
    cleaned = unicodedata.normalize("NFKC", text).strip()
    if cleaned.isdigit() and len(cleaned) <= 3:
        return int(cleaned)
    for number in range(100):
        if _in_words(number) == cleaned:
            return number
    return None


def challenge_check(token: str, answer: str) -> bool:
    """Whether ``answer`` answers the token's question; the token is spent either way."""
    try:
        payload = signing.loads(token, salt=_SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return False
    if not isinstance(payload, dict) or not isinstance(payload.get("n"), str):
        return False
    if not cache.add(f"ratings:challenge:{payload['n']}", 1, timeout=MAX_AGE):
        return False  # used before
    number = read_answer(answer)
    return number is not None and constant_time_compare(_mac(payload["n"], number), str(payload.get("h")))
