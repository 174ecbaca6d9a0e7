"""Why a stretch of text needs a person's check: a code and its parameters, worded only when shown.

The repair stages record a :class:`Reason` with every doubt; the build stage puts it on the item the
doubt falls in (``Item.review_reasons``); the ledger stores it as ``{"code": …, "params": {…}}``.
Words come last: :func:`render` gives Chinese (the default) or English for ingest's own readers,
``reformtrack parse`` and its JSON, which have no Django. The web pages word the same codes through
Django's gettext (``reformtrack.ledger.reasons``), where the Chinese is the same as here (a test
holds the two together).

The codes, with their parameters:

* ``doubt`` (``chosen``, ``rival``, ``context``): damaged text was re-read as ``chosen``, but
  ``rival`` fits the bytes nearly as well;
* ``lost`` (``before``, ``after``): a character is lost for good between two pieces of text
  (shown as □);
* ``unreadable`` (``text``): text that still reads as damage after the repair;
* ``unrepaired`` (``text``): damaged text left as it was because the repair's time ran out;
* ``damaged`` (none): a doubtful span that came without a reason of its own;
* ``title_from_sentence`` (none): the item printed no heading, so its title was made from its
  first sentence (:mod:`.titles`);
* ``no_body`` (``text``): a unit annotation names only generic bodies (``相关部门及各地区``),
  so the item has no lead unit from it;
* ``text`` (``text``): a reason in words only, shown as it is in every language (what was
  stored as a sentence before reasons were data and could not be read back, or written by hand).
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class ReasonCode(StrEnum):
    DOUBT = "doubt"
    LOST = "lost"
    UNREADABLE = "unreadable"
    UNREPAIRED = "unrepaired"
    DAMAGED = "damaged"
    TITLE_FROM_SENTENCE = "title_from_sentence"
    NO_BODY = "no_body"
    TEXT = "text"


# Each code's wording in Chinese and in English, with str.format fields named as its parameters.
# The English is the wording the importer wrote before reasons were data (parse --json printed it).
TEMPLATES: dict[str, dict[str, str]] = {
    ReasonCode.DOUBT: {
        "zh": "乱码已恢复为“{chosen}”，但“{rival}”同样符合原始字节（位于“{context}”），请核对。",
        "en": (
            "damaged text recovered as “{chosen}” with doubt (“{rival}” fits the bytes nearly as well)"
            " in “{context}”"
        ),
    },
    ReasonCode.LOST: {
        "zh": "“{before}”与“{after}”之间缺失一个字（以□标示），请补全。",
        "en": "a character is lost between “{before}” and “{after}” (shown as □)",
    },
    ReasonCode.UNREADABLE: {
        "zh": "乱码“{text}”无法恢复，请重新录入。",
        "en": "unreadable damaged text “{text}” was not recovered; please retype it",
    },
    ReasonCode.UNREPAIRED: {
        "zh": "受损文字“{text}”因修复超时未予修复：请核对。",
        "en": "damaged text “{text}” was left unrepaired (the repair ran out of time); please check it",
    },
    ReasonCode.DAMAGED: {
        "zh": "乱码未能确定恢复，请核对。",
        "en": "damaged text, not recovered with certainty",
    },
    ReasonCode.TITLE_FROM_SENTENCE: {
        "zh": "标题取自首句，请核对。",
        "en": "title made from the first sentence; please check",
    },
    ReasonCode.NO_BODY: {
        "zh": "单位注释“{text}”未写明具体单位，未设牵头单位，请补填。",
        "en": (
            "the annotation “{text}” names no unit in particular, so no lead unit was taken;"
            " please fill it in"
        ),
    },
    ReasonCode.TEXT: {"zh": "{text}", "en": "{text}"},
}

LANGUAGES = ("zh", "en")


def params_of(code: str) -> frozenset[str]:
    """The names of the parameters a code's wording needs."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(TEMPLATES[code]["en"]) if name)


@dataclass(frozen=True)
class Reason:
    """One reason for a person to check an item: a code of :class:`ReasonCode` and its parameters.

    The parameters are exactly the ones the code's wording names, all strings; anything else raises
    ``ValueError``. Equal reasons hash alike, so an item keeps each distinct reason once.
    """

    code: str
    params: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        code = str(self.code)
        if code not in TEMPLATES:
            raise ValueError(f"unknown review reason code: {code!r}")
        params = dict(self.params)
        if set(params) != params_of(code) or not all(isinstance(v, str) for v in params.values()):
            raise ValueError(f"review reason {code!r} takes {sorted(params_of(code))}, got {params!r}")
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "params", params)  # a copy of its own: the caller's dict may change

    def __hash__(self) -> int:
        return hash((self.code, tuple(sorted(self.params.items()))))

    @classmethod
    def text(cls, text: str) -> Reason:
        """A reason in words only, shown as it is in every language."""
        return cls(ReasonCode.TEXT, {"text": text})

    def to_dict(self) -> dict[str, Any]:
        """``{"code": "lost", "params": {"before": …, "after": …}}``: the stored and JSON form."""
        return {"code": self.code, "params": dict(self.params)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Reason:
        """The reason :meth:`to_dict` gave; ``ValueError`` for anything else."""
        params = data.get("params")
        if not isinstance(params, Mapping):
            raise ValueError(f"not a review reason: {data!r}")
        return cls(str(data.get("code", "")), params)


def reason_from_data(value: object) -> Reason:
    """A stored or transmitted reason read without fail, for showing it.

    A :class:`Reason` or its :meth:`~Reason.to_dict` form gives that reason; a string (a reason in
    words) or anything malformed gives a ``text`` reason with the value as its text, so nothing
    stored is ever hidden.
    """
    if isinstance(value, Reason):
        return value
    if isinstance(value, Mapping):
        try:
            return Reason.from_dict(value)
        except ValueError:
            pass
    return Reason.text(value if isinstance(value, str) else str(value))


def language(lang: str) -> str:
    """``"en"`` for any English tag (``en``, ``en-us``), else ``"zh"``: Chinese is the default."""
    return "en" if lang.lower().replace("_", "-").split("-")[0] == "en" else "zh"


def render(reason: Reason, lang: str = "zh") -> str:
    """The reason in words: Chinese by default, English for ``lang="en"`` (or ``en-us``, …)."""
    return TEMPLATES[reason.code][language(lang)].format_map(reason.params)
