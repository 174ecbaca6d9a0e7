"""Annotations: lead and co-units in every shape plans print them."""

from __future__ import annotations

import pytest

from reformtrack.ingest.annotations import (
    carries_units,
    ends_with_annotation,
    find_annotations,
    normalise_unit,
    parse_annotation_line,
    split_units,
    strip_annotations,
)


def test_it_splits_units_at_commas_and_enumeration_commas() -> None:
    units = split_units("区经济促进局，区住房建设局、区政府采购中心,罗湖市场监管分局")
    assert units == ["区经济促进局", "区住房建设局", "区政府采购中心", "罗湖市场监管分局"]


def test_it_keeps_bracketed_parts_of_a_unit_together() -> None:
    assert split_units("各市、县〔区〕政府、省有关部门") == ["各市、县〔区〕政府", "省有关部门"]
    assert split_units("县〔市、区〕人民政府") == ["县〔市、区〕人民政府"]


@pytest.mark.parametrize("printed", ["区委〈政府〉办", "区委(政府)办", "区委（政府)办", "区委<政府>办"])
def test_it_normalises_brackets_in_unit_names(printed: str) -> None:
    assert normalise_unit(printed) == "区委（政府）办"


def test_it_keeps_collective_names_as_units() -> None:
    assert split_units("相关部门及各地区、各相关街道办事处、各街道") == [
        "相关部门及各地区",
        "各相关街道办事处",
        "各街道",
    ]


def test_it_deduplicates_units_in_printed_order() -> None:
    assert split_units("区发改局、区财政局、区发改局") == ["区发改局", "区财政局"]


def test_it_drops_a_trailing_etc() -> None:
    assert split_units("区发改局、区财政局等单位") == ["区发改局", "区财政局"]


def test_it_splits_on_spaces_only_between_whole_names() -> None:
    assert split_units("区发改局 区财政局") == ["区发改局", "区财政局"]
    assert split_units("区 发改局") == ["区发改局"]


def test_it_reads_a_lead_unit_bracket() -> None:
    (found,) = find_annotations(
        "推进改革。（牵头单位：区经济促进局，区住房建设局、区政府采购中心、罗湖市场监管分局）"
    )
    assert found.lead_units == ("区经济促进局", "区住房建设局", "区政府采购中心", "罗湖市场监管分局")
    assert found.co_units == ()


def test_it_tolerates_ascii_brackets_colons_and_spaces() -> None:
    (found,) = find_annotations("推进改革。(牵头单位: 区文明办、团区委、区委〈政府〉办)")
    assert found.lead_units == ("区文明办", "团区委", "区委（政府）办")


@pytest.mark.parametrize("role", ["责任单位", "牵头部门", "牵头单位"])
def test_it_reads_every_lead_role_label(role: str) -> None:
    (found,) = find_annotations(f"（{role}：区教育局）")
    assert found.lead_units == ("区教育局",)


def test_it_splits_role_groups_at_semicolons() -> None:
    (found,) = find_annotations("（牵头单位：区民政局；配合单位：各街道、区财政局；完成时限：2014年底前）")
    assert found.lead_units == ("区民政局",)
    assert found.co_units == ("区财政局",)
    assert found.generic == ("各街道",)  # every street: a note, no unit
    assert found.deadline_text == "2014年底前"


def test_it_reads_the_verb_form() -> None:
    (found,) = find_annotations("（省发展改革委牵头，省财政厅、各市、县〔区〕政府按职责分工负责）")
    assert found.lead_units == ("省发展改革委",)
    assert found.co_units == ("省财政厅", "各市、县〔区〕政府")


@pytest.mark.parametrize("verb", ["配合", "参与", "按职责分工负责"])
def test_it_takes_units_after_lead_verb_as_co_units(verb: str) -> None:
    (found,) = find_annotations(f"（区发改局牵头，区财政局{verb}）")
    assert (found.lead_units, found.co_units) == (("区发改局",), ("区财政局",))


def test_it_takes_a_sole_responsible_unit_as_lead() -> None:
    (found,) = find_annotations("建设平台。（区委组织部、团区委负责）")
    assert found.lead_units == ("区委组织部", "团区委")


def test_it_reads_a_lead_marker_inside_a_responsible_list() -> None:
    (found,) = find_annotations("（责任单位：省发展改革委（牵头），省财政厅）")
    assert (found.lead_units, found.co_units) == (("省发展改革委",), ("省财政厅",))


@pytest.mark.parametrize(
    "text",
    [
        "（2012—2022年）",
        "（即党政人才、企业经营管理人才）",
        "（大中华）",
        "（法官独立办案和直接负责）",
        "（AQI）",
    ],
)
def test_it_ignores_brackets_that_are_not_annotations(text: str) -> None:
    assert find_annotations(f"制定方案{text}。") == []


def test_it_finds_several_annotations_in_one_paragraph_with_offsets() -> None:
    text = "优化网格（牵头单位：综治办）；组建队伍（牵头单位：组织办；配合单位：各社区居委会）。"
    found = find_annotations(text)
    assert [a.lead_units for a in found] == [("综治办",), ("组织办",)]
    assert text[found[0].start : found[0].end] == "（牵头单位：综治办）"
    assert strip_annotations(text, found) == "优化网格；组建队伍。"


def test_it_reads_unit_lines() -> None:
    lead = parse_annotation_line("牵头单位：区市场监管局")
    co = parse_annotation_line("参与单位：区政务服务中心、区税务局")
    deadline = parse_annotation_line("完成时限：2021年6月底前")
    assert lead is not None and lead.lead_units == ("区市场监管局",)
    assert co is not None and co.co_units == ("区政务服务中心", "区税务局")
    assert deadline is not None and deadline.deadline_text == "2021年6月底前"


def test_it_reads_two_roles_on_one_line() -> None:
    found = parse_annotation_line("牵头单位：区民政局；配合单位：各街道办事处")
    assert found is not None
    assert (found.lead_units, found.co_units) == (("区民政局",), ("各街道办事处",))


def test_it_refuses_lines_that_carry_more_than_an_annotation() -> None:
    assert parse_annotation_line("牵头单位要切实负起责任。") is None
    assert parse_annotation_line("推进改革。（牵头单位：区发改局）") is None
    assert parse_annotation_line("（牵头单位：区发改局）") is not None


def test_it_tells_paragraphs_that_carry_units() -> None:
    assert carries_units("推行吹哨报到机制。（牵头单位：街道城管科）")
    assert not carries_units("（牵头单位：街道城管科）")
    assert not carries_units("推行吹哨报到机制（试行）。")


def test_it_tells_text_ending_with_an_annotation() -> None:
    assert ends_with_annotation("推进改革。（牵头单位：区发改局）")
    assert ends_with_annotation("推进改革（牵头单位：区发改局）。")
    assert not ends_with_annotation("推进改革（牵头单位：区发改局），完善制度。")
