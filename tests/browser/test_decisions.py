"""Commendation and accountability decisions (表扬与问责决定) in the browser, each flow by each role
taking part: an office records a 通报批评 from the accountability list and a 责令整改 with a
deadline; the unit's clerk or reform lead reads and answers its own (another unit's is 404); an
office follows the rectification up and closes it; the bulletin of the period lists them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from django.utils import formats, timezone
from playwright.sync_api import expect

from reformtrack.ledger.models import Plan, Unit
from reformtrack.supervision.decision_services import decision_record
from reformtrack.supervision.models import Decision
from reformtrack.supervision.services import bulletin_create, bulletin_generate, order_issue

from .conftest import LogIn

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from playwright.sync_api import Page
    from pytest_django.fixtures import Settings

OWN = "区经济促进局"
OTHER = "区财政局"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def units(store_plan: Callable[..., Plan], office_user: User) -> dict[str, Unit]:
    """区经济促进局 leads an overdue project with an order left unanswered past its date (so it is on
    the accountability list); 区财政局 leads another project."""
    plan = store_plan(b"own", chapters=1, projects=1, children=0, lead_units=(OWN,), co_units=())
    store_plan(b"other", chapters=1, projects=1, children=0, lead_units=(OTHER,), co_units=())
    own = Unit.objects.get(name=OWN)
    order_issue(
        by=office_user,
        unit=own,
        project=plan.projects.get(),
        reason="进度滞后",
        requirements="限期整改",
        response_due=dt.date(2014, 2, 1),
        grade="blue",
    )
    return {"own": own, "other": Unit.objects.get(name=OTHER)}


def _rectification(by: User, unit: Unit) -> Decision:
    return decision_record(
        by=by,
        kind="rectification",
        unit=unit,
        reason="改革项目逾期未完成",
        points=Decimal("-3"),
        deadline=timezone.localdate() + dt.timedelta(days=30),
    )


@pytest.mark.parametrize("role", ["supervision", "office"])
def test_an_office_records_a_criticism_from_the_accountability_list(
    page: Page, log_in: LogIn, units: dict[str, Unit], role: str
) -> None:
    log_in(role)
    page.goto("/supervision/accountability/")

    page.get_by_test_id("record-decision").click()
    expect(page.get_by_test_id("decision-record")).to_contain_text("督办〔")
    page.select_option("#id_kind", "criticism")
    page.fill("#id_points", "-2")
    page.fill("#id_reason", "督办单逾期未回复，改革项目逾期未完成")
    page.fill("#id_evidence", "经督查室核实")
    page.get_by_test_id("decision-submit").click()

    decision = Decision.objects.get()
    expect(page.get_by_test_id("decision-number")).to_have_text(decision.number)
    expect(page.get_by_test_id("decision-status")).to_have_text("已下达")
    expect(page.get_by_test_id("decision-record")).to_contain_text("督办〔")
    assert (decision.kind, decision.unit, decision.points) == ("criticism", units["own"], Decimal("-2"))
    assert decision.issuing_office == ("supervision" if role == "supervision" else "coordinating")


@pytest.mark.parametrize("role", ["supervision", "office"])
def test_an_office_orders_a_rectification_with_a_deadline(
    page: Page, log_in: LogIn, units: dict[str, Unit], role: str
) -> None:
    log_in(role)
    deadline = timezone.localdate() + dt.timedelta(days=30)
    page.goto(f"/supervision/decisions/new/?unit={units['other'].pk}")

    page.select_option("#id_kind", "rectification")
    page.fill("#id_points", "-3")
    page.fill("#id_reason", "改革项目推进缓慢")
    page.get_by_test_id("decision-submit").click()
    expect(page.locator("form[data-testid=decision-form]")).to_contain_text("责令整改时必填")
    page.fill("#id_deadline", deadline.isoformat())
    page.get_by_test_id("decision-submit").click()

    expect(page.get_by_test_id("decision-deadline")).to_have_text(formats.date_format(deadline))
    decision = Decision.objects.get()
    assert (decision.kind, decision.unit, decision.deadline) == ("rectification", units["other"], deadline)


@pytest.mark.parametrize("role", ["clerk", "unit_lead"])
def test_the_unit_reads_and_answers_its_own_decision_and_not_another_units(
    page: Page,
    log_in: LogIn,
    units: dict[str, Unit],
    supervision_user: User,
    role: str,
    settings: Settings,
    tmp_path: Path,
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    own = _rectification(supervision_user, units["own"])
    other = _rectification(supervision_user, units["other"])
    report = tmp_path / "整改报告.pdf"
    report.write_bytes(PDF)
    log_in(role, OWN)

    page.goto("/supervision/decisions/")
    expect(page.get_by_test_id("decision-row")).to_have_count(1)
    page.get_by_role("link", name=own.number).click()
    page.fill("#id_text", "已制定整改方案，限期完成")
    page.set_input_files("#id_answer_files", str(report))
    page.get_by_test_id("decision-answer-submit").click()

    expect(page.get_by_test_id("decision-status")).to_have_text("已回复")
    expect(page.get_by_test_id("decision-answer")).to_contain_text("已制定整改方案")
    expect(page.get_by_test_id("decision-answer")).to_contain_text("整改报告.pdf")
    expect(page.get_by_test_id("decision-answer-form")).to_have_count(0)
    response = page.goto(other.get_absolute_url())
    assert response is not None and response.status == 404


@pytest.mark.parametrize("role", ["supervision", "office"])
def test_an_office_follows_a_rectification_up_and_closes_it(
    page: Page, log_in: LogIn, units: dict[str, Unit], supervision_user: User, role: str
) -> None:
    decision = _rectification(supervision_user, units["own"])
    log_in(role)
    page.goto(decision.get_absolute_url())

    page.fill("#id_note", "实地督查，整改已过半")
    page.get_by_test_id("decision-followup-submit").click()
    expect(page.get_by_test_id("decision-followup")).to_have_count(1)
    page.fill("#id_note", "整改到位，予以销号")
    page.get_by_test_id("decision-close-submit").click()

    expect(page.get_by_test_id("decision-status")).to_have_text("已整改销号")
    expect(page.get_by_test_id("decision-followup")).to_have_count(2)
    expect(page.get_by_test_id("decision-followups")).to_contain_text("整改到位，予以销号")
    expect(page.get_by_test_id("decision-followup-form")).to_have_count(0)


@pytest.mark.parametrize("role", ["supervision", "clerk"])
def test_the_bulletin_lists_the_decisions_of_its_period(
    page: Page,
    log_in: LogIn,
    units: dict[str, Unit],
    supervision_user: User,
    office_user: User,
    role: str,
) -> None:
    rectification = _rectification(supervision_user, units["own"])
    praise: Any = decision_record(
        by=office_user, kind="commendation", unit=units["other"], reason="提前完成", points=Decimal("2")
    )
    today = timezone.localdate()
    bulletin = bulletin_create(
        by=office_user, title="全面深化改革工作督查通报", period_start=today.replace(day=1), period_end=today
    )
    bulletin = bulletin_generate(bulletin=bulletin, today=today)
    if role == "clerk":  # units read published bulletins only
        type(bulletin).objects.filter(pk=bulletin.pk).update(status="published")
    log_in(role, OWN if role == "clerk" else None)

    page.goto(bulletin.get_absolute_url())

    main = page.locator("main")
    expect(main).to_contain_text("表扬与问责决定")
    expect(main).to_contain_text(rectification.number)
    expect(main).to_contain_text(praise.number)
    expect(main).to_contain_text("在年度考核中加2分")
