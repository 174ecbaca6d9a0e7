"""`reformtrack parse PATH` prints the parsed plan as a tree, or with --json as JSON."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import FakeParser, Invoke, MakePlan


def test_it_prints_the_tree(
    invoke: Invoke, fake_parser: FakeParser, make_plan: MakePlan, document: Path
) -> None:
    fake_parser(make_plan(chapters=2, projects=1, children=1))

    result = invoke("parse", document)

    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "深圳市罗湖区全面推进改革创新总体方案（2013—2015年）"
    assert lines[1] == "罗发〔2013〕3号 · issued 2013-05-20 · 2013–2015 · 2 chapters, 4 projects, 6 measures"
    assert "一、第1章的标题" in lines
    assert "  （1）项目1-1 ⚠" in lines
    assert "      ⚠ “阳光慈尚”与“大爱罗湖”之间缺失一个字（以□标示），请补全。" in lines
    assert "      lead: 区发改局、区财政局" in lines
    assert "      co: 各街道办事处" in lines
    assert "      deadline: 2013年底前 (2013-12-31)" in lines
    assert "      targets: 打造2至3个网商集聚区" in lines
    assert "    1.子项1-1-1" in lines
    assert "warning: 3处文字仍为乱码，已标记" in lines


def test_it_lists_measures_when_asked(
    invoke: Invoke, fake_parser: FakeParser, make_plan: MakePlan, document: Path
) -> None:
    fake_parser(make_plan(chapters=1, projects=1, measures=2, children=0))

    result = invoke("parse", "--measures", document)

    assert "      - 举措1-1-1" in result.output.splitlines()
    assert "      - 举措1-1-2" in result.output.splitlines()


def test_it_prints_json(invoke: Invoke, fake_parser: FakeParser, make_plan: MakePlan, document: Path) -> None:
    plan = make_plan()
    fake_parser(plan)

    result = invoke("parse", "--json", document)

    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == plan.to_dict()
    assert "罗发〔2013〕3号" in result.output  # not \\u escapes
    assert '\n  "title"' in result.output  # indented by 2


def test_its_json_has_the_reasons_worded_in_chinese_and_their_codes_beside_them(
    invoke: Invoke, fake_parser: FakeParser, make_plan: MakePlan, document: Path
) -> None:
    fake_parser(make_plan())

    first = json.loads(invoke("parse", "--json", document).output)["chapters"][0]["items"][0]
    english = json.loads(invoke("parse", "--json", "--lang", "en", document).output)["chapters"][0]["items"][
        0
    ]

    assert first["needs_review"] is True
    assert first["review_reasons"] == ["“阳光慈尚”与“大爱罗湖”之间缺失一个字（以□标示），请补全。"]
    assert english["review_reasons"] == ["a character is lost between “阳光慈尚” and “大爱罗湖” (shown as □)"]
    assert (
        first["review_reason_codes"]
        == english["review_reason_codes"]
        == [{"code": "lost", "params": {"before": "阳光慈尚", "after": "大爱罗湖"}}]
    )
    child = first["children"][0]
    assert (child["needs_review"], child["review_reasons"], child["review_reason_codes"]) == (False, [], [])


def test_it_words_the_trees_reasons_in_english_when_asked(
    invoke: Invoke, fake_parser: FakeParser, make_plan: MakePlan, document: Path
) -> None:
    fake_parser(make_plan())

    lines = invoke("parse", "--lang", "en", document).output.splitlines()

    assert "      ⚠ a character is lost between “阳光慈尚” and “大爱罗湖” (shown as □)" in lines


def test_it_parses_a_real_document(invoke: Invoke, fixtures_dir: Path) -> None:
    result = invoke("parse", fixtures_dir / "small-plan.txt")

    assert result.exit_code == 0, result.output
    assert result.output.startswith("深圳市罗湖区推进简政放权改革实施方案")
    assert "二、深化行政审批制度改革" in result.output
    assert "（一）精简行政审批事项" in result.output
    assert "区编办" in result.output


def test_it_prints_a_real_document_as_json(invoke: Invoke, fixtures_dir: Path) -> None:
    result = invoke("parse", "--json", fixtures_dir / "small-plan.txt")

    assert result.exit_code == 0, result.output
    parsed = json.loads(result.output)
    assert parsed["doc_number"] == "罗发〔2014〕7号"
    assert [chapter["title"] for chapter in parsed["chapters"]] == [
        "总体目标",
        "深化行政审批制度改革",
        "加强事中事后监管",
        "保障措施",
    ]
    first = parsed["chapters"][1]["items"][0]
    assert first["label"] == "（一）"
    assert first["title"] == "精简行政审批事项"
    assert first["lead_units"] == ["区编办", "区法制办"]
    assert len(first["measures"]) == 3


def test_run_inside_another_program_it_leaves_the_address_space_alone(
    invoke: Invoke, fake_parser: FakeParser, make_plan: MakePlan, document: Path
) -> None:
    # the console script caps its own process (test_parse_limits runs it so); a test runner or
    # any program that calls the command must keep its limit, or it dies of MemoryError later
    import resource

    fake_parser(make_plan(chapters=1, projects=1, children=0))
    before = resource.getrlimit(resource.RLIMIT_AS)

    result = invoke("parse", document)

    assert result.exit_code == 0, result.output
    assert resource.getrlimit(resource.RLIMIT_AS) == before
