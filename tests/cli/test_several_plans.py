"""`reformtrack parse` and `import` of a document holding several plans (a 通知 with three 方案)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reformtrack.ledger.models import Plan, SourceDocument

from .conftest import Invoke, assert_one_line_error

PLANS = Path(__file__).resolve().parents[1] / "fixtures" / "plans"
NOTICE = PLANS / "notice_three_plans.txt"
SINGLE = PLANS / "chapter_plan.txt"
TITLES = [
    "某某市政务服务提质增效专项行动方案（2023—2024年）",
    "某某市工程建设项目审批制度改革专项行动方案",
    "某某市中小企业融资便利化专项行动方案",
]


def test_its_json_is_the_notice_with_its_plans(invoke: Invoke) -> None:
    single = json.loads(invoke("parse", "--json", SINGLE).output)

    result = invoke("parse", "--json", NOTICE)

    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["title"] == "某某市人民政府办公厅关于印发某某市营商环境提升三个专项行动方案的通知"
    assert data["doc_number"] == "某府办〔2023〕18号"
    assert data["issued"] == "2023-04-12"
    assert [plan["title"] for plan in data["plans"]] == TITLES
    assert all(set(plan) == set(single) for plan in data["plans"])  # each in today's shape
    assert "chapters" not in data


def test_the_json_of_a_single_plan_is_as_before(invoke: Invoke) -> None:
    data = json.loads(invoke("parse", "--json", SINGLE).output)

    assert "plans" not in data
    assert data["title"] == "中山市智慧城市建设三年行动计划（2020-2022年）"


def test_its_tree_shows_each_plan(invoke: Invoke) -> None:
    result = invoke("parse", NOTICE)

    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("某某市人民政府办公厅关于印发")
    assert lines[0].endswith("(3 plans)")
    for number, title in enumerate(TITLES, start=1):
        assert f"[{number}/3]" in lines
        assert title in lines


@pytest.mark.django_db
def test_import_stores_three_plans_of_one_source_document(invoke: Invoke) -> None:
    result = invoke("import", NOTICE)

    assert result.exit_code == 0, result.output
    assert result.output.count("Imported plan ") == 3
    assert list(Plan.objects.order_by("pk").values_list("title", flat=True)) == TITLES
    sources = SourceDocument.objects.order_by("part")
    assert [source.part for source in sources] == [1, 2, 3]
    assert {source.sha256 for source in sources} == {sources[0].sha256}
    assert {source.filename for source in sources} == {"notice_three_plans.txt"}
    assert all(bytes(source.content) == NOTICE.read_bytes() for source in sources)


@pytest.mark.django_db
def test_the_same_document_is_refused_then_replaced_or_skipped(invoke: Invoke) -> None:
    invoke("import", NOTICE)
    first = set(Plan.objects.values_list("pk", flat=True))

    assert_one_line_error(invoke("import", NOTICE), "already imported", "--replace")
    assert set(Plan.objects.values_list("pk", flat=True)) == first

    skipped = invoke("import", "--skip-existing", NOTICE)
    assert skipped.exit_code == 0 and "skipped" in skipped.output

    replaced = invoke("import", "--replace", NOTICE)
    assert replaced.exit_code == 0, replaced.output
    assert Plan.objects.count() == 3
    assert not first & set(Plan.objects.values_list("pk", flat=True))
