"""`reformtrack import PATH` stores a plan once; --replace, --skip-existing and --sample."""

from __future__ import annotations

from pathlib import Path

import pytest

from reformtrack.ledger.models import Plan, Project, SourceDocument

from .conftest import FakeParser, Invoke, MakePlan, assert_one_line_error

pytestmark = pytest.mark.django_db


def test_it_stores_the_plan(
    invoke: Invoke, fake_parser: FakeParser, make_plan: MakePlan, document: Path
) -> None:
    fake_parser(make_plan(chapters=2, projects=1, children=1))

    result = invoke("import", document)

    assert result.exit_code == 0, result.output
    plan = Plan.objects.get()
    assert result.output == (
        f"Imported plan {plan.pk}: {plan.title} (2 chapters, 4 projects, 6 measures, 2 to review).\n"
    )
    source = SourceDocument.objects.get()
    assert bytes(source.content) == document.read_bytes()
    assert source.filename == "plan.txt"


def test_it_refuses_the_same_document_twice(
    invoke: Invoke, fake_parser: FakeParser, make_plan: MakePlan, document: Path
) -> None:
    fake_parser(make_plan())
    invoke("import", document)

    result = invoke("import", document)

    assert_one_line_error(result, "plan.txt: this document is already imported as plan", "--replace")
    assert Plan.objects.count() == 1


def test_it_replaces_the_plan_when_asked(
    invoke: Invoke, fake_parser: FakeParser, make_plan: MakePlan, document: Path
) -> None:
    fake_parser(make_plan(projects=3))
    invoke("import", document)
    fake_parser(make_plan(projects=1, children=0))

    result = invoke("import", "--replace", document)

    assert result.exit_code == 0, result.output
    assert Plan.objects.count() == 1
    assert Project.objects.count() == 2


def test_it_refuses_to_replace_a_plan_people_work_on(
    invoke: Invoke, fake_parser: FakeParser, make_plan: MakePlan, document: Path
) -> None:
    import datetime as dt

    from django.utils.translation import override

    from reformtrack.reporting.models import ReportingCycle

    fake_parser(make_plan(projects=3))
    invoke("import", document)
    plan = Plan.objects.get()
    ReportingCycle.objects.create(
        plan=plan, name="月报", start=dt.date(2014, 1, 1), end=dt.date(2014, 12, 31)
    )
    fake_parser(make_plan(projects=1, children=0))

    with override("zh-hans"):
        result = invoke("import", "--replace", document)

    assert_one_line_error(result, "plan.txt: 方案", "1 个填报周期", "未作任何改动")
    assert Plan.objects.get() == plan
    assert ReportingCycle.objects.get().plan == plan
    assert Project.objects.count() == 2 * 3 * 2  # the plan as it was: nothing replaced


def test_it_skips_a_document_already_stored_when_asked(
    invoke: Invoke, fake_parser: FakeParser, make_plan: MakePlan, document: Path
) -> None:
    fake_parser(make_plan())
    invoke("import", document)

    result = invoke("import", "--skip-existing", document)

    assert result.exit_code == 0, result.output
    assert result.output.startswith("Already imported as plan ")
    assert result.output.endswith("; skipped.\n")
    assert Plan.objects.count() == 1


def test_it_shows_the_ledger_when_asked(
    invoke: Invoke, fake_parser: FakeParser, make_plan: MakePlan, document: Path
) -> None:
    fake_parser(make_plan(chapters=1, projects=1, children=0))

    result = invoke("import", "--show", document)

    assert result.exit_code == 0, result.output
    assert "  （1）项目1-1 ⚠" in result.output.splitlines()


def test_it_imports_the_bundled_sample_once(
    invoke: Invoke, fake_parser: FakeParser, make_plan: MakePlan
) -> None:
    fake_parser(make_plan())

    first = invoke("import", "--sample", "--skip-existing")
    second = invoke("import", "--sample", "--skip-existing")

    assert first.exit_code == second.exit_code == 0, (first.output, second.output)
    assert first.output.startswith("Imported plan")
    assert second.output.startswith("Already imported")
    assert SourceDocument.objects.get().filename == "luohu-reform-plan-2013-2015.txt"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "give either a PATH or --sample"),
        (("--sample", "x.txt"), "give either a PATH or --sample"),
        (("--sample", "--replace", "--skip-existing"), "exclude each other"),
    ],
)
def test_it_wants_one_document_and_one_policy(invoke: Invoke, args: tuple[str, ...], message: str) -> None:
    assert_one_line_error(invoke("import", *args), message)


def test_it_imports_a_real_document(invoke: Invoke, fixtures_dir: Path) -> None:
    result = invoke("import", fixtures_dir / "small-plan.txt")

    assert result.exit_code == 0, result.output
    plan = Plan.objects.get()
    assert plan.doc_number == "罗发〔2014〕7号"
    assert plan.chapters.count() == 4
    assert Project.objects.filter(plan=plan, level=1).count() == 4
    first = Project.objects.get(plan=plan, title="精简行政审批事项")
    assert [link.unit.name for link in first.project_units.order_by("position")] == ["区编办", "区法制办"]


def test_it_imports_the_real_sample_plan(invoke: Invoke) -> None:
    result = invoke("import", "--sample")

    assert result.exit_code == 0, result.output
    plan = Plan.objects.get()
    assert plan.doc_number == "罗发〔2013〕3号"
    assert plan.chapters.count() == 8
    assert Project.objects.filter(plan=plan, level=1).count() == 36 + 3
