"""Structure: numerals, lines with offsets, numbering labels and the outline of chapters and items."""

from __future__ import annotations

import re

import pytest

from reformtrack.ingest.structure import (
    Outline,
    OutlineItem,
    build_outline,
    chinese_numeral_value,
    mask_enclosed,
    match_label,
    split_lines,
    split_spans,
)


def outline_of(text: str) -> Outline:
    return build_outline(split_lines(text))


def labels(items: list[OutlineItem]) -> list[str]:
    return [item.label for item in items]


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("一", 1),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("二十三", 23),
        ("一百零五", 105),
        ("二〇一三", 2013),
        ("12", 12),
    ],
)
def test_it_reads_numerals(numeral: str, value: int) -> None:
    assert chinese_numeral_value(numeral) == value


@pytest.mark.parametrize("numeral", ["", "十十", "一二三x", "百千"])
def test_it_refuses_malformed_numerals(numeral: str) -> None:
    assert chinese_numeral_value(numeral) is None


def test_it_strips_lines_and_keeps_their_offsets() -> None:
    text = "\u3000\u3000一、总体目标  \n\n  （一）推进改革。\r\n"
    lines = split_lines(text)
    assert [line.text for line in lines] == ["一、总体目标", "（一）推进改革。"]
    assert all(text[line.start : line.end] == line.text for line in lines)


@pytest.mark.parametrize(
    ("line", "style", "number", "label"),
    [
        ("一、总体目标", "cn", 1, "一、"),
        ("十二、保障措施", "cn", 12, "十二、"),
        ("第三章 重点任务", "section", 3, "第三章"),
        ("第一部分 总体要求", "section", 1, "第一部分"),
        ("（一）强化品牌营销。", "cn_paren", 1, "（一）"),
        ("(二)大力发展总部经济", "cn_paren", 2, "（二）"),
        ("1.压缩企业开办时间", "ar_dot", 1, "1."),
        ("2．推进改革", "ar_dot", 2, "2."),
        ("3、建设平台", "ar_dot", 3, "3."),
        ("（3）对事项分类改革", "ar_paren", 3, "（3）"),
        ("(4)建设中心", "ar_paren", 4, "（4）"),
        ("②加强宣传", "circled", 2, "②"),
    ],
)
def test_it_reads_labels_at_the_start_of_a_line(line: str, style: str, number: int, label: str) -> None:
    found = match_label(line)
    assert found is not None
    assert (found.style, found.number, found.label) == (style, number, label)


@pytest.mark.parametrize(
    "line",
    [
        "2013.5月完成",
        "1.5亿元资金到位",
        "3年内打造园区",
        "（2013年5月20日）",
        "培育1.2家企业",
        "十八大以来",
        "第一时间回应",
    ],
)
def test_it_does_not_take_dates_decimals_or_words_for_labels(line: str) -> None:
    assert match_label(line) is None


def test_it_masks_brackets_and_quotes_keeping_length() -> None:
    text = "制定《方案（2012—2022年）》；打造“一中心、两基地”。"
    masked = mask_enclosed(text)
    assert len(masked) == len(text)
    assert "2012" not in masked and "两基地" not in masked
    assert masked.count("；") == 1


def test_it_does_not_split_inside_brackets_or_quotes() -> None:
    text = "开展“干部进厂；律师进企”活动；完善《办法（试行；修订）》。"
    spans = split_spans(text, re.compile("[；。]"))
    assert [text[a:b] for a, b in spans] == ["开展“干部进厂；律师进企”活动", "完善《办法（试行；修订）》"]


def test_it_nests_four_levels_by_the_order_styles_appear() -> None:
    outline = outline_of(
        "方案\n一、任务\n（一）商事改革。\n1.压缩时间。\n（1）分类改革。\n（2）试点。\n2.电子化。\n（二）投资便利。\n二、保障措施"
    )
    chapter = outline.chapters[0]
    assert labels(chapter.items) == ["（一）", "（二）"]
    first = chapter.items[0]
    assert labels(first.children) == ["1.", "2."]
    assert labels(first.children[0].children) == ["（1）", "（2）"]
    assert [first.level, first.children[0].level, first.children[0].children[0].level] == [1, 2, 3]
    assert [c.title for c in outline.chapters] == ["任务", "保障措施"]


def test_it_takes_section_headings_as_chapters_and_cn_labels_as_items() -> None:
    outline = outline_of(
        "第一章 总体要求\n一、指导思想\n二、目标\n第二章 重点任务\n一、城市大脑\n(1)建设中心"
    )
    assert [(c.number, c.title) for c in outline.chapters] == [(1, "总体要求"), (2, "重点任务")]
    assert labels(outline.chapters[0].items) == ["一、", "二、"]
    assert labels(outline.chapters[1].items[0].children) == ["（1）"]


def test_it_restarts_numbering_under_each_parent() -> None:
    outline = outline_of("一、任务\n（一）甲\n1.子一\n2.子二\n（二）乙\n1.子一\n2.子二\n3.子三")
    items = outline.chapters[0].items
    assert [labels(item.children) for item in items] == [["1.", "2."], ["1.", "2.", "3."]]


def test_it_puts_lines_before_the_first_chapter_into_the_head() -> None:
    outline = outline_of("首页 > 政务公开\n某某方案\n为推进改革，制定本方案。\n一、目标\n全面推进。")
    assert [line.text for line in outline.head] == ["首页 > 政务公开", "某某方案", "为推进改革，制定本方案。"]
    assert [s.text for s in outline.chapters[0].text] == ["全面推进。"]


def test_it_keeps_unlabelled_lines_with_the_open_item() -> None:
    outline = outline_of(
        "一、任务\n（一）完善网格管理\n优化网格划分。（牵头单位：甲办）\n配齐网格员。（牵头单位：乙办）"
    )
    item = outline.chapters[0].items[0]
    assert len(outline.chapters[0].items) == 1
    assert [s.text for s in item.segments][1:] == [
        "优化网格划分。（牵头单位：甲办）",
        "配齐网格员。（牵头单位：乙办）",
    ]


def test_it_makes_a_unit_carrying_paragraph_after_a_closed_item_an_item() -> None:
    outline = outline_of(
        "一、任务\n（一）推进甲。做好A。（牵头单位：甲局）\n推行乙机制。（牵头单位：乙局）\n各单位要抓好落实。"
    )
    items = outline.chapters[0].items
    assert [(i.label, i.number) for i in items] == [("（一）", 1), ("", None)]
    # A paragraph without units continues the open item.
    assert items[1].segments[-1].text == "各单位要抓好落实。"


def test_it_turns_a_paragraph_followed_by_unit_lines_into_an_item() -> None:
    outline = outline_of("二、试点\n在社区先行先试。\n建设智慧门禁。\n牵头单位：平安办\n配合单位：各社区")
    chapter = outline.chapters[0]
    assert [s.text for s in chapter.text] == ["在社区先行先试。"]
    item = chapter.items[0]
    assert item.number is None and item.segments[0].text == "建设智慧门禁。"
    assert [s.annotation_line for s in item.segments] == [False, True, True]


def test_it_keeps_text_after_a_heading_sentence_as_chapter_text() -> None:
    text = "一、总体要求。坚持问题导向。\n（一）推进。"
    chapter = outline_of(text).chapters[0]
    assert chapter.title == "总体要求"
    (segment,) = chapter.text
    assert segment.text == "坚持问题导向。"
    assert text[segment.start : segment.end] == segment.text


def test_it_takes_cn_labels_that_name_units_for_projects() -> None:
    outline = outline_of(
        "某某工作要点\n一、推进甲改革。（牵头单位：甲局）\n二、推进乙改革。\n牵头单位：乙局\n三、加强领导。"
    )
    (chapter,) = outline.chapters
    assert (chapter.number, labels(chapter.items)) == (0, ["一、", "二、", "三、"])


def test_it_gives_items_without_chapters_an_untitled_chapter() -> None:
    outline = outline_of("某某工作要点\n1.推进甲。\n2.推进乙。")
    assert [(c.number, c.title) for c in outline.chapters] == [(0, "")]
    assert labels(outline.chapters[0].items) == ["1.", "2."]
    assert [line.text for line in outline.head] == ["某某工作要点"]


def test_it_sets_item_spans_to_the_items_own_lines() -> None:
    text = "一、任务\n（一）甲。\n续行。\n1.子项。\n（二）乙。"
    outline = outline_of(text)
    first = outline.chapters[0].items[0]
    assert text[first.start : first.end] == "（一）甲。\n续行。"
    child = first.children[0]
    assert text[child.start : child.end] == "1.子项。"
    assert outline.chapters[0].end == len(text)
