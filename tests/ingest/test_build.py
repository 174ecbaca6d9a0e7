"""build_plan: whole plans of different shapes in, structured plans out."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reformtrack.ingest.build import build_plan
from reformtrack.ingest.errors import IngestError, NoStructure
from reformtrack.ingest.model import Doubt, Item, ParsedPlan
from reformtrack.ingest.reasons import Reason

FIXTURES = Path(__file__).parents[1] / "fixtures" / "plans"


@cache
def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def notes(plan: ParsedPlan) -> list[str]:
    """The plan's notes in English, as the importer wrote them when they were sentences."""
    return [str(note) for note in plan.warnings]


def build(name: str, doubts: tuple[Doubt, ...] = ()) -> ParsedPlan:
    return build_plan(fixture_text(name), doubts=doubts)


def by_title(plan: ParsedPlan, title: str) -> Item:
    (item,) = [item for item in plan.items() if item.title == title]
    return item


# --- the sample plan, hand-repaired -----------------------------------------------------------


def test_it_reads_the_sample_metadata() -> None:
    plan = build("luohu_clean.txt")
    assert plan.title == "深圳市罗湖区全面推进改革创新总体方案（2013—2015年）"
    assert plan.doc_number == "罗发〔2013〕3号"
    assert plan.issued == dt.date(2013, 5, 20)
    assert (plan.period_start, plan.period_end) == (2013, 2015)
    assert plan.preamble.startswith("按照市委关于开展“弘扬改革创新精神")
    assert "首页" not in plan.preamble and "罗发" not in plan.preamble


def test_it_finds_the_sample_chapters_and_projects() -> None:
    plan = build("luohu_clean.txt")
    assert [chapter.number for chapter in plan.chapters] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert [len(chapter.items) for chapter in plan.chapters] == [0, 9, 8, 6, 4, 4, 5, 3]
    assert [chapter.is_safeguards for chapter in plan.chapters] == [False] * 7 + [True]
    assert plan.chapters[0].title == "改革创新总体目标"
    assert plan.chapters[0].text.startswith("全面贯彻党的十八大")
    assert notes(plan) == []


def test_it_reads_every_sample_lead_unit_as_printed() -> None:
    plan = build("luohu_clean.txt")
    projects = [item for chapter in plan.chapters[1:7] for item in chapter.items]
    assert all(item.lead_units for item in projects)
    distinct = {unit for item in projects for unit in item.lead_units}
    assert len(distinct) == 40
    assert by_title(plan, "打出“诚信罗湖”旗帜").lead_units == [
        "区经济促进局",
        "区住房建设局",
        "区政府采购中心",
        "罗湖市场监管分局",
    ]
    assert "区委（政府）办" in by_title(plan, "提升市民素质和城区文明水平").lead_units
    assert all(not item.lead_units for item in plan.chapters[7].items)


def test_it_splits_a_project_into_measures_without_the_annotation() -> None:
    item = by_title(build("luohu_clean.txt"), "大力发展总部经济")
    assert item.label == "（二）" and item.number == 2
    assert item.measures[0].text == (
        "以经营城市为理念，以促进产业转型升级相关政策文件为依托，建立社会力量广泛参与的委托招商战略合作机制"
    )
    assert len(item.measures) == 5
    assert all("牵头单位" not in measure.text for measure in item.measures)
    assert all(
        measure.lead_units == ["区经济促进局", "区科技创新局", "区投资推广局"] for measure in item.measures
    )
    assert item.text.startswith("大力发展总部经济。以经营城市为理念")


def test_it_resolves_sample_deadlines_and_target_deadlines() -> None:
    plan = build("luohu_clean.txt")
    service = by_title(plan, "创新公共服务机制")
    assert (service.deadline, service.deadline_text) == (dt.date(2013, 12, 31), "2013年底前")
    integrity = by_title(plan, "创新廉洁城区建设")
    # The measure is due when its first clause is; the target in its later clause keeps 2015.
    deadlines = {(m.deadline_text, m.deadline) for m in integrity.measures if m.deadline_text}
    assert ("2014年上半年", dt.date(2014, 6, 30)) in deadlines
    assert (integrity.deadline_text, integrity.deadline) == ("力争2015年", dt.date(2015, 12, 31))
    (satisfaction,) = integrity.targets
    assert (satisfaction.subject, satisfaction.min, satisfaction.unit) == ("满意度", 95, "%")
    assert satisfaction.deadline == dt.date(2015, 12, 31)
    (monitors,) = by_title(plan, "加强和创新社会治理").targets
    assert (monitors.min, monitors.max, monitors.deadline) == (100, 100, dt.date(2015, 12, 31))


def test_it_sets_offsets_into_the_text() -> None:
    text = fixture_text("luohu_clean.txt")
    plan = build_plan(text)
    for item in plan.items():
        assert text[item.start : item.end].startswith(item.label)
        assert item.text.splitlines()[0] in text[item.start : item.end]
    for chapter in plan.chapters:
        assert text[chapter.start :].startswith(f"{'一二三四五六七八'[chapter.number - 1]}、{chapter.title}")
    assert plan.chapters[-1].end == len(text.rstrip())


# --- the hand-repaired excerpt: indents, ASCII leftovers, gaps -------------------------------


def test_it_reads_the_excerpt_with_indents_and_ascii_leftovers() -> None:
    plan = build("luohu_clean_excerpt.txt")
    assert [len(chapter.items) for chapter in plan.chapters] == [0, 3, 3, 1, 3]
    headquarters = by_title(plan, "大力发展总部经济")
    assert headquarters.lead_units == ["区经济促进局", "区科技创新局", "区投资推广局"]
    assert [item.label for item in plan.chapters[1].items] == ["（一）", "（二）", "（五）"]
    assert "chapter 二: numbering jumps from （二） to （五）" in notes(plan)
    assert "chapters: numbering jumps from 三、 to 七、" in notes(plan)


# --- other governments' plans ----------------------------------------------------------------


def test_it_nests_a_provincial_opinion_three_levels_deep() -> None:
    plan = build("provincial_opinions.txt")
    assert plan.title == "广东省人民政府关于深化“放管服”改革优化营商环境的实施意见"
    assert (plan.doc_number, plan.issued) == ("粤府〔2019〕12号", dt.date(2019, 3, 15))
    commerce = plan.chapters[1].items[0]
    assert (commerce.label, commerce.title, commerce.level) == ("（一）", "深化商事制度改革", 1)
    assert [child.label for child in commerce.children] == ["1.", "2.", "3."]
    licences = commerce.children[1]
    assert [(c.label, c.level) for c in licences.children] == [("（1）", 3), ("（2）", 3)]
    pilot = licences.children[1]
    assert (pilot.lead_units, pilot.co_units) == (["广东自贸办"], ["各市、县〔区〕政府"])
    assert pilot.deadline == dt.date(2020, 6, 30)


def test_it_rolls_children_units_and_deadlines_up_to_the_parent() -> None:
    commerce = build("provincial_opinions.txt").chapters[1].items[0]
    assert commerce.lead_units == ["省市场监管局", "省司法厅", "广东自贸办"]
    assert commerce.co_units == ["省公安厅", "省税务局", "各市、县〔区〕政府"]
    assert commerce.unit_notes == ["省有关部门"]  # a generic body: a note, no unit
    assert commerce.deadline == dt.date(2020, 6, 30)
    assert commerce.measures == []


def test_it_reads_unit_and_deadline_lines_after_each_item() -> None:
    plan = build("separate_lines_plan.txt")
    first, second, third, fifth = plan.chapters[1].items
    assert first.lead_units == ["区市场监管局"]
    assert first.co_units == ["区政务服务中心", "区税务局", "区公安分局"]
    assert (first.deadline, first.deadline_text) == (dt.date(2021, 6, 30), "2021年6月底前")
    assert all(m.deadline == dt.date(2021, 6, 30) for m in first.measures)
    assert "牵头单位" not in first.text
    assert second.co_units == ["区发展改革局", "区自然资源局"]
    assert (third.deadline, third.deadline_text) == (None, "长期坚持")
    assert (third.lead_units, third.co_units) == (["区民政局"], ["各街道办事处"])
    assert fifth.deadline == dt.date(2021, 12, 31)  # 下半年 of the issue year
    assert notes(plan) == ["chapter 二: numbering jumps from 3. to 5."]


def test_it_reads_chapter_headings_and_ascii_labels() -> None:
    plan = build("chapter_plan.txt")
    assert [(c.number, c.title) for c in plan.chapters] == [(1, "总体要求"), (2, "重点任务"), (3, "保障措施")]
    assert plan.issued == dt.date(2020, 4, 8)
    assert (plan.period_start, plan.period_end) == (2020, 2022)
    brain = plan.chapters[1].items[0]
    assert [(c.label, c.number) for c in brain.children] == [("（1）", 1), ("（2）", 2)]
    assert brain.children[1].lead_units == ["市公安局"]
    assert brain.children[1].co_units == ["市交通运输局", "市城管局"]
    base_stations = plan.chapters[1].items[1].children[1]
    assert [(t.subject, t.min, t.unit) for t in base_stations.targets] == [("5G基站", 3000, "个")]
    assert plan.chapters[2].is_safeguards
    assert "中山市人民政府办公室" not in plan.chapters[2].items[-1].text


def test_it_binds_each_annotation_to_its_own_measures() -> None:
    plan = build("multi_annotation_plan.txt")
    grid = plan.chapters[0].items[0]
    assert [m.lead_units for m in grid.measures] == [["街道综治办"], ["街道党工委组织办"], ["街道司法所"]]
    assert [m.co_units for m in grid.measures] == [[], ["各社区居委会"], []]
    assert grid.lead_units == ["街道综治办", "街道党工委组织办", "街道司法所"]
    assert grid.measures[2].deadline == dt.date(2022, 6, 30)
    assert [t.text for t in grid.targets] == ["3至5个网格", "组建100名专职网格员队伍"]


def test_it_makes_unnumbered_paragraphs_with_units_items() -> None:
    plan = build("multi_annotation_plan.txt")
    tasks = plan.chapters[0].items
    assert [(i.label, i.number) for i in tasks] == [("（一）", 1), ("（二）", 2), ("", None), ("", None)]
    assert tasks[2].title == "推行“吹哨报到”机制，建立街道与区职能部门联动清单"
    assert tasks[2].co_units == ["区城管局", "区住房建设局"]
    pilot = plan.chapters[1]
    assert pilot.text == "在科技园社区先行先试，探索“社区—小区—楼栋”三级治理模式。"
    (gate,) = pilot.items
    assert (gate.number, gate.lead_units) == (None, ["街道平安建设办"])


def test_it_refuses_text_without_structure() -> None:
    with pytest.raises(NoStructure, match="no chapter headings"):
        build("no_structure.txt")


def test_it_refuses_empty_text() -> None:
    with pytest.raises(NoStructure):
        build_plan("\u3000\n  \n")


# --- warnings ---------------------------------------------------------------------------------


def test_it_warns_about_projects_without_lead_units() -> None:
    plan = build_plan(
        "某某方案\n一、任务\n（一）推进甲。做好A。（牵头单位：甲局）\n（二）推进乙。做好B。\n二、保障措施\n（一）加强领导。"
    )
    assert notes(plan) == ["chapter 一, （二） 推进乙: no lead unit"]


def test_it_warns_about_duplicate_numbers() -> None:
    plan = build_plan("某某方案\n一、任务\n（一）甲。\n（二）乙。\n（二）丙。")
    assert "chapter 一: （二） appears twice" in notes(plan)


def test_it_accepts_numbering_that_restarts_in_a_sub_plan() -> None:
    plan = build_plan(
        "总体方案\n一、任务\n（一）甲。\n（二）乙。\n二、保障\n附件：子方案\n一、目标\n（一）丙。"
    )
    assert [c.number for c in plan.chapters] == [1, 2, 1]
    assert not any("numbering" in warning for warning in notes(plan))


# --- doubts from the repair stage -------------------------------------------------------------


def test_it_flags_the_item_a_doubt_falls_in() -> None:
    text = fixture_text("luohu_clean.txt")
    start = text.index("优化政府投资项目管理")
    plan = build_plan(text, doubts=[Doubt(start, start + 2, Reason.text("title characters guessed: 优化"))])
    flagged = [item for item in plan.items() if item.needs_review]
    assert [item.title for item in flagged] == ["优化政府投资项目管理"]
    assert flagged[0].review_reasons == [Reason.text("title characters guessed: 优化")]


def test_it_flags_the_deepest_item_only() -> None:
    text = fixture_text("provincial_opinions.txt")
    start = text.index("照后减证")
    plan = build_plan(text, doubts=[Doubt(start, start + 4, Reason.text("doubtful"))])
    assert [item.label for item in plan.items() if item.needs_review] == ["（2）"]


def test_it_flags_every_item_a_doubt_spans() -> None:
    text = fixture_text("provincial_opinions.txt")
    start = text.index("3.建设企业登记")
    plan = build_plan(text, doubts=[Doubt(start - 5, start + 3, Reason.text("line break lost"))])
    flagged = [item.label for item in plan.items() if item.needs_review]
    assert flagged == ["（2）", "3."]


def test_it_puts_doubts_outside_items_into_warnings() -> None:
    text = fixture_text("luohu_clean.txt")
    in_title = text.index("全面推进改革创新总体方案")
    in_heading = text.index("激发市场活力")
    plan = build_plan(
        text,
        doubts=[
            Doubt(in_title, in_title + 2, Reason.text("a")),
            Doubt(in_heading, in_heading + 2, Reason.text("b")),
        ],
    )
    assert not any(item.needs_review for item in plan.items())
    assert notes(plan) == ["doubtful text in the title: a", "doubtful text in the heading of chapter 二: b"]


def test_it_survives_doubts_outside_the_text() -> None:
    plan = build_plan(
        "一、任务\n（一）推进。",
        doubts=[Doubt(500, 400, Reason.text("stale")), Doubt(-3, -1, Reason.text("negative"))],
    )
    assert [w for w in notes(plan) if w.startswith("doubtful")] == [
        "doubtful text in the closing lines: stale",
        "doubtful text in the heading of chapter 一: negative",
    ]


@pytest.mark.parametrize(
    "body",
    [
        "建成1个中心，" * 20000,  # one clause-rich run-on measure full of numbers
        "2014年底前建成1个中心" * 10000,
        "推进。（牵头单位：" + "、".join(f"区局{i}" for i in range(20000)) + "）",
    ],
)
def test_it_builds_huge_paragraphs(body: str) -> None:
    # Quadratic work here once took 5-45 s; the speed is measured by the parse benchmark, not
    # asserted here. What is asserted is that such a paragraph still makes one whole item.
    plan = build_plan(f"一、任务\n（一）{body}")
    (item,) = plan.items()
    assert item.text.startswith(body[:20])


# --- any input --------------------------------------------------------------------------------

_PLAN_ALPHABET = st.sampled_from(
    list("一二三十（）()、.．。；;，,：:“”《》〔〕\n \u3000123450%个家名年月底前内上半下季度第章")
    + list("牵头单位配合负责区局X")
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.text(alphabet=_PLAN_ALPHABET, max_size=400)))
def test_it_raises_nothing_but_ingest_errors(text: str) -> None:
    try:
        plan = build_plan(
            text, doubts=[Doubt(0, 5, Reason.text("x")), Doubt(len(text) // 2, len(text), Reason.text("y"))]
        )
    except IngestError:
        return
    for item in plan.items():
        assert 0 <= item.start <= item.end <= len(text)
