"""plan_import stores every part of a parsed plan."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable

import pytest

from reformtrack.ingest.model import ParsedPlan
from reformtrack.ledger.choices import UnitRole
from reformtrack.ledger.models import (
    Chapter,
    Measure,
    MeasureUnit,
    Plan,
    Project,
    ProjectUnit,
    SourceDocument,
    Target,
)
from reformtrack.ledger.services import plan_import

MakePlan = Callable[..., ParsedPlan]

pytestmark = pytest.mark.django_db


def test_it_stores_the_plan_and_its_metadata(make_plan: MakePlan) -> None:
    plan = plan_import(parsed=make_plan(), source_bytes=b"plan", filename="plan.txt")

    stored = Plan.objects.get()
    assert stored == plan
    assert stored.title == "深圳市罗湖区全面推进改革创新总体方案（2013—2015年）"
    assert stored.doc_number == "罗发〔2013〕3号"
    assert stored.issued == dt.date(2013, 5, 20)
    assert (stored.period_start, stored.period_end) == (2013, 2015)
    assert stored.preamble.startswith("为深入推进")
    assert stored.warnings == [{"code": "junk_flagged", "params": {"count": 3}}]
    assert stored.created_by is None


def test_it_stores_the_source_document_with_its_sha256(make_plan: MakePlan) -> None:
    plan = plan_import(parsed=make_plan(text="修复后的全文"), source_bytes=b"\xe5\x8e\x9f", filename="a.txt")

    source = SourceDocument.objects.get(plan=plan)
    assert bytes(source.content) == b"\xe5\x8e\x9f"
    assert source.sha256 == hashlib.sha256(b"\xe5\x8e\x9f").hexdigest()
    assert source.size == 3
    assert source.filename == "a.txt"
    assert source.text == "修复后的全文"
    assert (source.source_format, source.source_encoding) == ("txt", "utf-8")


def test_it_stores_chapters_in_order(make_plan: MakePlan) -> None:
    plan = plan_import(parsed=make_plan(chapters=3), source_bytes=b"x", filename="x.txt")

    chapters = list(Chapter.objects.filter(plan=plan))
    assert [(c.number, c.position, c.is_safeguards) for c in chapters] == [
        (1, 0, False),
        (2, 1, False),
        (3, 2, True),
    ]


def test_it_stores_the_project_tree(make_plan: MakePlan) -> None:
    plan = plan_import(parsed=make_plan(chapters=1, projects=2, children=2), source_bytes=b"x", filename="x")

    projects = list(Project.objects.filter(plan=plan).order_by("position"))
    assert [(p.label, p.title, p.level) for p in projects] == [
        ("（1）", "项目1-1", 1),
        ("1.", "子项1-1-1", 2),
        ("2.", "子项1-1-2", 2),
        ("（2）", "项目1-2", 1),
        ("1.", "子项1-2-1", 2),
        ("2.", "子项1-2-2", 2),
    ]
    assert [p.position for p in projects] == list(range(6))
    assert projects[1].parent == projects[0]
    assert projects[2].parent == projects[0]
    assert projects[4].parent == projects[3]
    assert projects[0].parent is None
    assert all(p.is_safeguard for p in projects)  # the only chapter is the safeguards chapter


def test_it_stores_review_flags_and_deadlines(make_plan: MakePlan) -> None:
    plan_import(parsed=make_plan(chapters=1, projects=2, children=0), source_bytes=b"x", filename="x")

    first, second = Project.objects.order_by("position")
    assert first.needs_review
    assert first.review_reasons == [{"code": "lost", "params": {"before": "阳光慈尚", "after": "大爱罗湖"}}]
    assert not second.needs_review
    assert second.review_reasons == []
    assert first.deadline == dt.date(2013, 12, 31)
    assert first.deadline_text == "2013年底前"


def test_it_stores_measures_and_targets(make_plan: MakePlan) -> None:
    plan_import(
        parsed=make_plan(chapters=1, projects=1, measures=3, children=0), source_bytes=b"x", filename="x"
    )

    project = Project.objects.get()
    measures = list(Measure.objects.filter(project=project))
    assert [m.text for m in measures] == ["举措1-1-1", "举措1-1-2", "举措1-1-3"]
    assert measures[0].deadline == dt.date(2014, 6, 30)
    assert measures[0].deadline_text == "2014年上半年"
    target = Target.objects.get(project=project)
    assert (target.text, target.subject, target.min_value, target.max_value, target.unit) == (
        "打造2至3个网商集聚区",
        "网商集聚区",
        2,
        3,
        "个",
    )


def test_it_links_units_with_their_roles(make_plan: MakePlan) -> None:
    plan_import(
        parsed=make_plan(chapters=1, projects=1, measures=1, children=0), source_bytes=b"x", filename="x"
    )

    links = [
        (link.unit.name, link.role, link.position)
        for link in ProjectUnit.objects.order_by("role", "position")
    ]
    assert links == [
        ("各街道办事处", UnitRole.CO, 0),
        ("区发改局", UnitRole.LEAD, 0),
        ("区财政局", UnitRole.LEAD, 1),
    ]
    (measure_link,) = MeasureUnit.objects.all()
    assert (measure_link.unit.name, measure_link.role) == ("区经济促进局", UnitRole.LEAD)


def test_it_links_a_unit_printed_twice_once(make_plan: MakePlan) -> None:
    parsed = make_plan(chapters=1, projects=1, children=0, lead_units=("区发改局", "区 发改局", "区发改局"))
    plan_import(parsed=parsed, source_bytes=b"x", filename="x")

    assert ProjectUnit.objects.filter(role=UnitRole.LEAD).count() == 1


def test_it_uses_the_file_name_when_the_plan_has_no_title(make_plan: MakePlan) -> None:
    plan = plan_import(parsed=make_plan(title=" "), source_bytes=b"x", filename="plan.txt")

    assert plan.title == "plan.txt"
