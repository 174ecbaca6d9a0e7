"""The importer's notes on a whole plan (plan warnings): a code and its parameters, worded only when shown.

A note says what the importer did to the document or what it found wrong with the plan as a whole
(numbering that jumps, an item without a lead unit, doubtful text outside every item). The notes
used to be English sentences, stored as such in the draft and the plan, so the Chinese pages showed
English. Now the build and repair stages record a :class:`Note`; the draft and the ledger store its
:meth:`Note.to_dict`; :func:`render_note` words it in Chinese (the default) or English when shown.
A stored string (a plan imported before notes were data) is read back as a ``text`` note and shown
as it is.

Places are parameters too, worded with the sentence: ``where`` (a numbering run: ``chapter`` is the
chapter's label, ``""`` for an unnumbered chapter, absent for the run of chapters themselves;
``items`` the labels of the items above the run) and ``place`` (where a doubtful span lies).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from .reasons import language, reason_from_data, render


class NoteCode(StrEnum):
    NO_TITLE = "no_title"
    NUMBER_START = "numbering_start"
    NUMBER_TWICE = "numbering_twice"
    NUMBER_JUMP = "numbering_jump"
    NUMBER_BACK = "numbering_back"
    NO_LEAD = "no_lead"
    NO_UNITS = "no_units"
    STRAY = "stray_annotation"
    DOUBTFUL = "doubtful"
    GBK_REPAIRED = "gbk_repaired"
    REPAIR_TIMEOUT = "repair_timeout"
    PINYIN = "pinyin_removed"
    JUNK = "junk_flagged"
    TRADITIONAL = "traditional_converted"
    TEXT = "text"


# Each code's wording; the English is what the importer wrote when notes were sentences.
TEMPLATES: dict[str, dict[str, str]] = {
    NoteCode.NO_TITLE: {"zh": "第一部分之前未找到方案标题", "en": "no title found above the first chapter"},
    NoteCode.NUMBER_START: {"zh": "{where}：编号从{label}开始", "en": "{where}: numbering starts at {label}"},
    NoteCode.NUMBER_TWICE: {"zh": "{where}：{label}出现两次", "en": "{where}: {label} appears twice"},
    NoteCode.NUMBER_JUMP: {
        "zh": "{where}：编号从{previous}跳到{label}",
        "en": "{where}: numbering jumps from {previous} to {label}",
    },
    NoteCode.NUMBER_BACK: {
        "zh": "{where}：编号从{previous}倒退到{label}",
        "en": "{where}: numbering goes back from {previous} to {label}",
    },
    NoteCode.NO_LEAD: {
        "zh": "{where}{label}{title}：未找到牵头单位",
        "en": "{where}, {label} {title}: no lead unit",
    },
    NoteCode.NO_UNITS: {"zh": "全文未找到牵头单位", "en": "no lead units found anywhere in the plan"},
    NoteCode.STRAY: {
        "zh": "不在任何事项内的单位注释已忽略：{text}",
        "en": "annotation outside any item ignored: {text}",
    },
    NoteCode.DOUBTFUL: {"zh": "{place}有存疑文字：{reason}", "en": "doubtful text in {place}: {reason}"},
    NoteCode.GBK_REPAIRED: {
        "zh": "已修复{count}处错位读取的GBK乱码",
        "en": "repaired {count} spans of GBK text read one byte out of step",
    },
    NoteCode.REPAIR_TIMEOUT: {
        "zh": "修复超时：{count}处乱码未予修复，已标记待人工核对",
        "en": (
            "the repair ran out of time: {count} damaged spans were left as they are"
            " and are flagged for a person to check"
        ),
    },
    NoteCode.PINYIN: {"zh": "已删除{count}处拼音注音", "en": "removed {count} pinyin annotations"},
    NoteCode.JUNK: {
        "zh": "{count}处文字仍为乱码，已标记",
        "en": "{count} spans still read as damaged text and are flagged",
    },
    NoteCode.TRADITIONAL: {
        "zh": "繁体字已转换为简体字",
        "en": "converted traditional characters to simplified",
    },
    NoteCode.TEXT: {"zh": "{text}", "en": "{text}"},
}

_PLACES: dict[str, dict[str, str]] = {
    "title": {"zh": "标题", "en": "the title"},
    "preamble": {"zh": "导语", "en": "the preamble"},
    "closing": {"zh": "结尾", "en": "the closing lines"},
    "heading": {"zh": "第{chapter}部分标题", "en": "the heading of chapter {chapter}"},
    "text": {"zh": "第{chapter}部分正文", "en": "the text of chapter {chapter}"},
    "untitled": {"zh": "无编号部分正文", "en": "the text of the untitled chapter"},
}


@dataclass(frozen=True)
class Note:
    """One note of the importer on a plan: a :class:`NoteCode` and its parameters (JSON values)."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if str(self.code) not in TEMPLATES:
            raise ValueError(f"unknown plan note code: {self.code!r}")
        object.__setattr__(self, "code", str(self.code))
        object.__setattr__(self, "params", dict(self.params))

    @classmethod
    def text(cls, text: str) -> Note:
        """A note in words only, shown as it is in every language."""
        return cls(NoteCode.TEXT, {"text": text})

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "params": dict(self.params)}

    def __str__(self) -> str:
        return render_note(self, "en")


def where(chapter: str | None, items: Sequence[str] = ()) -> dict[str, Any]:
    """The place of a numbering run: a chapter's label (``""`` unnumbered, None the chapters) and items."""
    return {"chapter": chapter, "items": list(items)}


def note_from_data(value: object) -> Note:
    """A stored note read without fail: its dict form, or anything else as a ``text`` note."""
    if isinstance(value, Note):
        return value
    if isinstance(value, Mapping) and isinstance(value.get("params"), Mapping):
        try:
            return Note(str(value.get("code", "")), value["params"])
        except ValueError:
            pass
    return Note.text(value if isinstance(value, str) else str(value))


def _where_words(value: Any, lang: str) -> str:
    value = value if isinstance(value, Mapping) else {}
    chapter, items = value.get("chapter"), [str(i) for i in value.get("items") or []]
    if lang == "en":
        head = "chapters" if chapter is None else f"chapter {chapter}" if chapter else "the untitled chapter"
        return ", ".join([head, *items])
    head = "各部分" if chapter is None else f"第{chapter}部分" if chapter else "无编号部分"
    return head + "".join(items)


def _place_words(value: Any, lang: str) -> str:
    value = value if isinstance(value, Mapping) else {}
    words = _PLACES.get(str(value.get("kind")), _PLACES["preamble"])[lang]
    return words.format(chapter=value.get("chapter", ""))


def render_note(note: Note, lang: str = "zh") -> str:
    """The note in words: Chinese by default, English for ``lang="en"`` (or ``en-us``, …)."""
    lang = language(lang)
    params = {name: value for name, value in note.params.items()}
    if "where" in params:
        params["where"] = _where_words(params["where"], lang)
    if "place" in params:
        params["place"] = _place_words(params["place"], lang)
    if "reason" in params:
        params["reason"] = render(reason_from_data(params["reason"]), lang)
    if note.code == NoteCode.NO_LEAD and not params.get("label"):
        params["label"] = "无编号事项" if lang == "zh" else "unnumbered item"
    try:
        return TEMPLATES[note.code][lang].format_map(params)
    except (KeyError, IndexError, ValueError):
        # a stored note whose parameters do not fit its code (hand-edited): show what it holds
        return str(dict(note.params))
