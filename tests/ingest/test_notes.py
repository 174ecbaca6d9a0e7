"""The importer's notes on a plan are data (a code and its parameters), worded in Chinese or English
only when shown; a sentence stored before that is shown as it is."""

from __future__ import annotations

import pytest

from reformtrack.ingest.build import build_plan
from reformtrack.ingest.model import Doubt
from reformtrack.ingest.notes import Note, NoteCode, note_from_data, render_note, where
from reformtrack.ingest.reasons import Reason
from reformtrack.ingest.repair import repair

JUMPING = """关于推进甲乙的方案

一、总体要求
（一）推进甲。做好甲。（牵头单位：区发展改革局）
（三）推进乙。做好乙。
"""


def test_a_numbering_jump_and_a_missing_lead_are_worded_in_either_language() -> None:
    plan = build_plan(JUMPING)

    assert [n.code for n in plan.warnings] == [NoteCode.NUMBER_JUMP, NoteCode.NO_LEAD]
    assert [render_note(n, "zh") for n in plan.warnings] == [
        "第一部分：编号从（一）跳到（三）",
        "第一部分（三）推进乙：未找到牵头单位",
    ]
    assert [render_note(n, "en") for n in plan.warnings] == [
        "chapter 一: numbering jumps from （一） to （三）",
        "chapter 一, （三） 推进乙: no lead unit",
    ]


def test_a_doubt_outside_every_item_words_its_place_and_its_reason() -> None:
    plan = build_plan(JUMPING, doubts=[Doubt(0, 2, Reason.text("甲"))])

    doubtful = [n for n in plan.warnings if n.code == NoteCode.DOUBTFUL]
    assert [render_note(n, "zh") for n in doubtful] == ["标题有存疑文字：甲"]
    assert [render_note(n, "en") for n in doubtful] == ["doubtful text in the title: 甲"]


def test_nested_numbering_names_the_items_above_it() -> None:
    note = Note(NoteCode.NUMBER_TWICE, {"where": where("二", ["（一）"]), "label": "2."})

    assert render_note(note) == "第二部分（一）：2.出现两次"
    assert render_note(note, "en-us") == "chapter 二, （一）: 2. appears twice"
    assert render_note(Note(NoteCode.NUMBER_START, {"where": where(None), "label": "三、"})) == (
        "各部分：编号从三、开始"
    )


def test_the_repair_notes_what_it_did() -> None:
    repaired = repair("政務(wù)公開(kāi),網(wǎng)頁(yè)歸檔;著力建設(shè)服務(wù)型政府,隨著改革深入。")

    assert {render_note(n) for n in repaired.notes} >= {"繁体字已转换为简体字"}
    assert any(n.code == NoteCode.PINYIN and render_note(n).startswith("已删除") for n in repaired.notes)


@pytest.mark.parametrize(
    "stored",
    [
        "3 characters could not be recovered",
        {"code": "no_such_code", "params": {}},
        {"code": "numbering_jump"},
        42,
    ],
)
def test_a_stored_sentence_or_a_malformed_note_is_shown_not_hidden(stored: object) -> None:
    note = note_from_data(stored)

    assert note.code == NoteCode.TEXT
    assert render_note(note) == (stored if isinstance(stored, str) else str(stored))


def test_a_note_comes_back_from_its_stored_form() -> None:
    note = Note(NoteCode.GBK_REPAIRED, {"count": 3})

    assert note_from_data(note.to_dict()) == note
    assert render_note(note) == "已修复3处错位读取的GBK乱码"


def test_the_json_of_parse_keeps_the_codes_whatever_the_language() -> None:
    plan = build_plan(JUMPING)

    zh, en = plan.to_dict("zh"), plan.to_dict("en")
    assert zh["warning_codes"] == en["warning_codes"] == [n.to_dict() for n in plan.warnings]
    assert zh["warnings"][1].endswith("未找到牵头单位")
    assert en["warnings"][1].endswith("no lead unit")
