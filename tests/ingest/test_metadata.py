"""Metadata: title, document number, issue date and period from the head and signature of a plan."""

from __future__ import annotations

import datetime as dt

import pytest

from reformtrack.ingest.metadata import (
    find_period,
    find_trailer_start,
    parse_date,
    parse_doc_number,
    read_metadata,
)
from reformtrack.ingest.structure import split_lines

LUOHU_HEAD = (
    "首页 > 政务公开 > 历史网页归档 > 政策文件\n"
    "（2013年5月20日）\n"
    "罗发〔2013〕3号\n"
    "深圳市罗湖区全面推进改革创新总体方案（2013—2015年）\n"
    "按照市委统一部署，经研究，制定本方案。"
)


def test_it_reads_the_sample_head() -> None:
    meta = read_metadata(split_lines(LUOHU_HEAD))
    assert meta.title == "深圳市罗湖区全面推进改革创新总体方案（2013—2015年）"
    assert meta.doc_number == "罗发〔2013〕3号"
    assert meta.issued == dt.date(2013, 5, 20)
    assert (meta.period_start, meta.period_end) == (2013, 2015)
    assert [line.text for line in meta.preamble] == ["按照市委统一部署，经研究，制定本方案。"]


@pytest.mark.parametrize(
    "printed", ["罗发〔2013〕3号", "罗发[2013]3号", "罗发（2013）3号", "罗发(2013)3号", "罗发［2013］ 3 号"]
)
def test_it_normalises_document_number_brackets(printed: str) -> None:
    assert parse_doc_number(f"文号：{printed}") == "罗发〔2013〕3号"


def test_it_returns_no_document_number_when_there_is_none() -> None:
    assert parse_doc_number("深圳市罗湖区全面推进改革创新总体方案") == ""


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2013年5月20日", dt.date(2013, 5, 20)),
        ("2013-05-20", dt.date(2013, 5, 20)),
        ("二〇一三年五月二十日", dt.date(2013, 5, 20)),
        ("2013年2月30日", None),
    ],
)
def test_it_parses_dates(text: str, date: dt.date | None) -> None:
    assert parse_date(text) == date


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("总体方案（2013—2015年）", (2013, 2015)),
        ("行动计划（2020-2022年）", (2020, 2022)),
        ("2016年至2020年发展规划", (2016, 2020)),
        ("按照《平安罗湖实施方案（2012—2022年）》", None),
        ("改革创新总体方案", None),
    ],
)
def test_it_finds_the_plan_period(text: str, period: tuple[int, int] | None) -> None:
    assert find_period(text) == period


def test_it_takes_the_signature_date_when_the_head_has_none() -> None:
    lines = split_lines("某某实施方案\n一、任务\n（一）推进。\n中山市人民政府办公室\n二〇二〇年四月八日")
    trailer_start = find_trailer_start(lines)
    assert [line.text for line in lines[trailer_start:]] == ["中山市人民政府办公室", "二〇二〇年四月八日"]
    meta = read_metadata(lines[:1], lines[trailer_start:])
    assert meta.issued == dt.date(2020, 4, 8)


def test_it_finds_no_signature_without_a_date() -> None:
    lines = split_lines("一、任务\n（一）推进改革。\n区发改局")
    assert find_trailer_start(lines) == len(lines)


def test_it_prefers_the_plan_title_to_a_notice_wrapper() -> None:
    head = split_lines(
        "关于印发《罗湖区改革实施方案》的通知\n各单位：\n罗湖区改革实施方案\n为推进改革，制定本方案。"
    )
    meta = read_metadata(head)
    assert meta.title == "罗湖区改革实施方案"


def test_it_sets_aside_portal_furniture() -> None:
    head = split_lines(
        "当前位置：首页 > 规划计划\n福田区2021年工作方案\n发布日期：2021-03-02\n"
        "来源：区政府办\n为推进改革，制定本方案。"
    )
    meta = read_metadata(head)
    assert meta.title == "福田区2021年工作方案"
    assert meta.issued == dt.date(2021, 3, 2)
    assert (meta.period_start, meta.period_end) == (2021, 2021)
    assert [line.text for line in meta.preamble] == ["为推进改革，制定本方案。"]


def test_it_joins_a_period_printed_under_the_title() -> None:
    meta = read_metadata(
        split_lines("深圳市罗湖区全面推进改革创新总体方案\n（2013—2015年）\n为推进改革，制定本方案。")
    )
    assert meta.title == "深圳市罗湖区全面推进改革创新总体方案（2013—2015年）"
    assert meta.period_start == 2013


def test_it_leaves_the_title_empty_when_no_line_names_a_plan() -> None:
    meta = read_metadata(split_lines("为推进改革，制定本方案。"))
    assert meta.title == ""
    assert meta.period_start is None
