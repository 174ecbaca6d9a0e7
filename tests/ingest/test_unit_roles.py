"""Unit roles decided by their labels, generic bodies kept apart, page furniture refused,
annotations broken over lines mended."""

from __future__ import annotations

from pathlib import Path

import pytest

from reformtrack.ingest.annotations import (
    find_annotations,
    opens_annotation,
    parse_annotation_line,
    read_units,
)
from reformtrack.ingest.build import build_plan
from reformtrack.ingest.mend import mend_lines
from reformtrack.ingest.reasons import Reason, ReasonCode
from reformtrack.ingest.structure import split_lines
from reformtrack.ingest.unit_phrases import is_generic, is_page_furniture, peel_generic

FIXTURES = Path(__file__).parents[1] / "fixtures" / "plans"


def roles(text: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    (found,) = find_annotations(text)
    return found.lead_units, found.co_units, found.generic


# --- generic bodies -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "相关部门",
        "有关部门",
        "各地区",
        "各相关单位",
        "各区",
        "各县（市、区）",
        "各街道",
        "省有关部门",
        "省级相关部门",
        "相关部门及各地区",
        "各级各部门",
        "相关区",
        "各有关街道",
        "各成员单位",
        "区直各单位",
        "各地区各部门",
        "国务院有关部门",
    ],
)
def test_it_knows_a_generic_body(name: str) -> None:
    assert is_generic(name)


@pytest.mark.parametrize(
    "name",
    [
        "各相关街道办事处",
        "各街道办事处",
        "各市、县〔区〕政府",
        "省有关部门办公室",
        "区发改局",
        "各区人民政府",
        "相关区政府",
    ],
)
def test_it_keeps_named_bodies_as_units(name: str) -> None:
    assert not is_generic(name)


@pytest.mark.parametrize(
    ("printed", "unit", "phrases"),
    [
        ("省发展改革委及各地区", "省发展改革委", ["各地区"]),
        ("省科技厅等相关部门", "省科技厅", ["相关部门"]),
        ("省工业和信息化厅等省级相关部门", "省工业和信息化厅", ["省级相关部门"]),
        ("省公安厅等相关部门及各地区", "省公安厅", ["相关部门", "各地区"]),
        ("省有关部门", "", ["省有关部门"]),
        ("省人力资源和社会保障厅", "省人力资源和社会保障厅", []),
    ],
)
def test_it_peels_generic_phrases_off_a_unit_name(printed: str, unit: str, phrases: list[str]) -> None:
    assert peel_generic(printed) == (unit, phrases)


def test_it_reads_a_unit_list_into_units_and_notes() -> None:
    assert read_units("省发展改革委及各地区、省财政厅等单位、省有关部门") == (
        ["省发展改革委", "省财政厅"],
        ["各地区", "省有关部门"],
    )


# --- roles by label and verb ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lead", "co", "generic"),
    [
        (
            "（牵头单位：区发展改革局，责任单位：区市场监管局、区投资推广局）",
            ["区发展改革局"],
            ["区市场监管局", "区投资推广局"],
            [],
        ),
        ("（牵头单位：区住房建设局；配合单位：区水务局）", ["区住房建设局"], ["区水务局"], []),
        ("（牵头部门：市发展改革委；责任部门：市财政局）", ["市发展改革委"], ["市财政局"], []),
        ("（责任单位：市财政局、市税务局）", ["市财政局", "市税务局"], [], []),
        ("（责任单位：区教育局（牵头）、区财政局）", ["区教育局"], ["区财政局"], []),
        ("（省教育厅、省财政厅按职责分工负责，列第一的为牵头单位）", ["省教育厅"], ["省财政厅"], []),
        ("（省教育厅、省人社厅、省财政厅负责，排在第一位的为牵头单位）",
         ["省教育厅"], ["省人社厅", "省财政厅"], []),
        ("（省科技厅牵头，省有关部门具体实施）", ["省科技厅"], [], ["省有关部门"]),
        ("（发展改革委、财政部按职责分工负责，列第一位者为牵头单位）", ["发展改革委"], ["财政部"], []),
        ("（省科技厅牵头，省财政厅具体实施）", ["省科技厅"], ["省财政厅"], []),
        ("（省商务厅牵头，省海关参与）", ["省商务厅"], ["省海关"], []),
        ("（省发展改革委牵头，相关部门及各地区按职责分工负责）", ["省发展改革委"], [], ["相关部门及各地区"]),
        ("（省市场监管局等省级相关部门负责）", ["省市场监管局"], [], ["省级相关部门"]),
        (
            "（省委网信办牵头，省公安厅等相关部门及各地区配合）",
            ["省委网信办"],
            ["省公安厅"],
            ["相关部门", "各地区"],
        ),
        ("（各县（市、区）负责）", [], [], ["各县（市、区）"]),
    ],
)  # fmt: skip
def test_the_label_decides_the_role(text: str, lead: list[str], co: list[str], generic: list[str]) -> None:
    assert roles(text) == (tuple(lead), tuple(co), tuple(generic))


def test_an_annotation_naming_no_body_leads_no_one() -> None:
    (found,) = find_annotations("加强宣传。（相关部门及各地区按职责分工负责）")
    assert found.lead_units == () and found.names_no_body


def test_a_generic_lead_beside_a_named_co_unit_flags_the_item() -> None:
    plan = build_plan(
        "一、任务\n（一）加强宣传。（相关部门牵头，区财政局配合）\n（二）加强保障。（区财政局牵头，各街道配合）"
    )
    first, second = plan.items()
    assert (first.lead_units, first.co_units, first.unit_notes) == ([], ["区财政局"], ["相关部门"])
    assert [r.code for r in first.review_reasons] == [ReasonCode.NO_BODY]
    assert (second.lead_units, second.unit_notes, second.needs_review) == (["区财政局"], ["各街道"], False)


# --- page furniture -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "主办单位：某市人民政府办公厅 | 网站地图 | 联系我们",
        "承办单位：某市政务服务数据管理局",
        "版权所有：某市人民政府 粤ICP备12345678号",
        "网站标识码：4403000001 粤公网安备 44030402000001号",
        "技术支持：某某科技有限公司",
    ],
)
def test_page_furniture_is_never_an_annotation(line: str) -> None:
    assert is_page_furniture(line)
    assert parse_annotation_line(line) is None
    assert find_annotations(f"（{line}）") == []


def test_a_plan_sentence_about_contacts_is_no_furniture() -> None:
    assert not is_page_furniture("建立企业联系制度，定期走访重点企业。（牵头单位：区工业和信息化局）")
    assert not is_page_furniture("（三）强化技术支持：建立专家咨询库。（牵头单位：区科技创新局）")


# --- annotations broken over lines ---------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "opens"),
    [
        ("推进改革。（责任单位：", True),
        ("推进改革。（牵头单位：区发改局；", True),
        ("推进改革（省发展改革委牵头，", True),
        ("推进改革（即党政人才、", False),
        ("推进改革。（责任单", True),
        ("推进改革。（", True),
        ("牵头单位：", True),
        ("推进改革（区发改局、区财政局）。牵头单位：", True),
        ("推进改革。", False),
        ("推进改革。（牵头单位：区委（政府）办）", False),
        ("（" + "很长的一句话" * 12, False),
    ],
)
def test_it_tells_a_line_that_ends_inside_an_annotation(line: str, opens: bool) -> None:
    assert opens_annotation(line) is opens


def test_it_joins_an_annotation_broken_over_lines_and_drops_furniture() -> None:
    text = (
        "（一）推进改革。（牵头单位：区发改局，\n责任单位：区财政\n局）\n"
        "主办单位：某区政府办公室 | 联系我们\n（二）下一项"
    )
    mended = mend_lines(split_lines(text))
    assert [line.text for line in mended] == [
        "（一）推进改革。（牵头单位：区发改局，责任单位：区财政局）",
        "（二）下一项",
    ]
    assert mended[0].start == 0 and mended[1].start == text.index("（二）")


def test_an_unclosed_bracket_never_swallows_the_next_item() -> None:
    text = "（一）推进改革。（牵头单位：区发改局\n（二）下一项（牵头单位：区财政局）"
    assert len(mend_lines(split_lines(text))) == 2


# --- whole plans ----------------------------------------------------------------------------


def test_a_provincial_plan_keeps_generic_bodies_as_notes_and_flags_no_body() -> None:
    plan = build_plan((FIXTURES / "provincial_generic_plan.txt").read_text(encoding="utf-8"))
    items = plan.chapters[1].items
    assert [(i.lead_units, i.co_units, i.unit_notes) for i in items] == [
        (["省政务服务数据管理局"], [], ["相关部门及各地区"]),
        (["省政务服务数据管理局"], [], ["省有关部门"]),
        (["省市场监管局"], [], ["省级相关部门"]),
        (["省委网信办"], ["省公安厅"], ["相关部门", "各地区"]),
        ([], [], ["相关部门及各地区"]),
    ]
    assert [i.needs_review for i in items] == [False, False, False, False, True]
    assert items[4].review_reasons == [
        Reason(ReasonCode.NO_BODY, {"text": "（相关部门及各地区按职责分工负责）"})
    ]
    assert items[1].measures[0].unit_notes == ["省有关部门"]


def test_a_district_plan_reads_co_units_by_their_labels() -> None:
    plan = build_plan((FIXTURES / "district_roles_plan.txt").read_text(encoding="utf-8"))
    items = plan.chapters[1].items
    assert [(i.lead_units, i.co_units) for i in items] == [
        (["区发展改革局"], ["区市场监管局", "区投资推广局"]),
        (["区住房建设局"], ["区规划土地监察局", "区水务局"]),
        (["区政务服务数据管理局"], ["区司法局"]),
        (["区财政局"], ["区工业和信息化局"]),
        (["区市场监管局"], ["区司法局"]),
        # 责任单位 on its own line after 牵头单位: the label decides here too.
        (["区人力资源局"], ["区住房建设局", "各街道办事处"]),
    ]
    assert not any(i.needs_review for i in plan.items())


@pytest.mark.parametrize("cut", ["（", "（责任单", "（责任单位：", "（责任单位：区发改局、区财"])
def test_it_joins_wherever_the_annotation_breaks(cut: str) -> None:
    whole = "（一）推进改革。（责任单位：区发改局、区财政局）"
    at = whole.index(cut) + len(cut)
    plan = build_plan(f"一、任务\n{whole[:at]}\n{whole[at:]}\n（二）下一项。（责任单位：区民政局）")
    first, second = plan.items()
    assert (first.lead_units, second.lead_units) == (["区发改局", "区财政局"], ["区民政局"])
    assert [m.text for m in first.measures] == ["推进改革"]


def test_a_plan_that_says_the_first_listed_leads_is_read_so() -> None:
    text = (FIXTURES / "state_council_division.txt").read_text(encoding="utf-8")
    plan = build_plan(text)
    assert [(i.lead_units, i.co_units, i.unit_notes) for i in plan.items()] == [
        (["国务院办公厅"], ["司法部"], ["各地区"]),
        (["市场监管总局"], ["司法部"], []),
        (["国家发展改革委"], ["财政部", "人民银行"], []),
        (["国务院办公厅"], ["国家发展改革委"], []),
        (["市场监管总局"], [], ["各地区"]),
        (["国家发展改革委"], ["人民银行"], ["国务院有关部门"]),
    ]
    # Without the plan's rule every unit named as answerable leads.
    unruled = build_plan(text.replace("列第一位的为牵头单位，", ""))
    assert unruled.items()[1].lead_units == ["市场监管总局", "司法部"]


def test_a_label_line_broken_after_its_colon_is_joined() -> None:
    plan = build_plan(
        "一、任务\n（一）推进改革。\n牵头单位：\n区发改局、区财政局\n（二）下一项。\n牵头单位：区民政局"
    )
    first, second = plan.items()
    assert (first.lead_units, second.lead_units) == (["区发改局", "区财政局"], ["区民政局"])
    assert [m.text for m in first.measures] == ["推进改革"]


def test_a_bracket_broken_inside_a_unit_name_is_joined_when_it_reads_as_an_annotation() -> None:
    text = (
        "（三）完善宏观调控。（国家\n发展改革委牵头，财政部配合）\n（四）完善统计（包括\n服务业统计）制度。"
    )
    assert [line.text for line in mend_lines(split_lines(text))] == [
        "（三）完善宏观调控。（国家发展改革委牵头，财政部配合）",
        "（四）完善统计（包括",  # prose in brackets is left as it was printed
        "服务业统计）制度。",
    ]


def test_the_rule_said_inside_one_bracket_holds_for_that_bracket_only() -> None:
    plan = build_plan(
        "一、任务\n（一）甲。（省教育厅、省财政厅按职责分工负责，列第一位的为牵头单位）\n"
        "（二）乙。（省民政厅、省财政厅负责）"
    )
    first, second = plan.items()
    assert (first.lead_units, second.lead_units) == (["省教育厅"], ["省民政厅", "省财政厅"])


def test_a_labelled_bracket_that_says_the_first_listed_leads_reads_so() -> None:
    text = "（一）甲。（责任单位：省科技厅、省财政厅、省教育厅，列第一位的为牵头单位）"
    assert roles(text) == (("省科技厅",), ("省财政厅", "省教育厅"), ())
    verbs = "（一）甲。（省科技厅、区委（政府）办按职责分工负责，列第一位的为牵头单位，下同）"
    assert roles(verbs) == (("省科技厅",), ("区委（政府）办",), ())


def test_the_same_below_carries_the_rule_to_the_plans_later_brackets() -> None:
    plan = build_plan(
        "一、任务\n（一）甲。（责任单位：省商务厅、省海关，列第一位的为牵头单位，下同）\n"
        "（二）乙。（责任单位：省交通运输厅、省公安厅）\n（三）丙。（牵头单位：省民政厅、省财政厅）"
    )
    assert [(i.lead_units, i.co_units) for i in plan.items()] == [
        (["省商务厅"], ["省海关"]),
        (["省交通运输厅"], ["省公安厅"]),
        (["省民政厅", "省财政厅"], []),  # a 牵头 label names its own leads
    ]
    # 下同 says nothing of the brackets above it.
    later = build_plan(
        "一、任务\n（一）甲。（责任单位：省交通运输厅、省公安厅）\n"
        "（二）乙。（责任单位：省商务厅、省海关，列第一位的为牵头单位，下同）\n"
        "（三）丙。（责任单位：省民政厅、省财政厅）"
    )
    assert [(i.lead_units, i.co_units) for i in later.items()] == [
        (["省交通运输厅", "省公安厅"], []),
        (["省商务厅"], ["省海关"]),
        (["省民政厅"], ["省财政厅"]),
    ]
    # Without 下同 the rule holds for its own bracket only.
    once = build_plan(
        "一、任务\n（一）甲。（责任单位：省商务厅、省海关，列第一位的为牵头单位）\n"
        "（二）乙。（责任单位：省交通运输厅、省公安厅）"
    )
    assert [(i.lead_units, i.co_units) for i in once.items()] == [
        (["省商务厅"], ["省海关"]),
        (["省交通运输厅", "省公安厅"], []),
    ]
