"""A revised document in a browser: 2 projects added, 1 dropped, 3 changed → the difference lists
exactly those → applied → the reports and orders of the projects are still attached."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from django.core.management import call_command
from playwright.sync_api import Page, expect

from reformtrack.imports.models import ImportDraft
from reformtrack.ingest import parse_file
from reformtrack.ledger.models import Plan, Project
from reformtrack.ledger.models_amend import Amendment
from reformtrack.ledger.services import plan_import
from reformtrack.reporting.models import ProgressReport
from reformtrack.supervision.models import SupervisionOrder

from .conftest import SignIn

if TYPE_CHECKING:
    from django.contrib.auth.models import User

FIXTURES = Path(__file__).parents[1] / "cli" / "fixtures"
BEFORE = FIXTURES / "revise-before.txt"
AFTER = FIXTURES / "revise-after.txt"

# old title → title after the revision; the work on each must stay with it
WORKED_ON = {
    "精简行政审批事项": "精简行政审批事项",  # units changed
    "推进网上审批": "推进“互联网+政务服务”",  # retitled
    "推进综合执法改革": "推进综合执法改革",  # deadline moved
    "规范中介服务": "规范中介服务",  # dropped
}


def test_a_revised_document_is_reviewed_and_applied_keeping_the_work(
    page: Page,
    sign_in: SignIn,
    office_user: User,
    attach_work: Callable[[Project, User], tuple[int, int]],
) -> None:
    plan = plan_import(parsed=parse_file(BEFORE), source_bytes=BEFORE.read_bytes(), filename=BEFORE.name)
    work = {
        title: attach_work(Project.objects.get(plan=plan, title=title), office_user) for title in WORKED_ON
    }
    sign_in(office_user)

    page.goto("/import/")
    form = page.get_by_test_id("revise-form")
    form.locator("select[name=plan]").select_option(str(plan.pk))
    form.locator("input[type=file]").set_input_files(str(AFTER))
    form.get_by_test_id("revise-submit").click()
    expect(page.get_by_test_id("job")).to_be_visible()  # the request only started the parse
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)

    # the job's page goes on to the difference: exactly 2 added, 1 dropped, 3 changed
    rows = page.get_by_test_id("revision-change")
    expect(rows).to_have_count(6)
    kinds = sorted(rows.get_by_test_id("revision-kind").all_inner_texts())
    assert kinds == sorted(["新增", "新增", "取消", "更名", "责任单位调整", "完成时限调整"])
    expect(rows.filter(has_text="深化商事登记制度改革")).to_have_count(1)
    expect(rows.filter(has_text="健全投诉举报处理机制")).to_have_count(1)
    expect(rows.filter(has_text="规范中介服务")).to_contain_text("取消")
    expect(rows.filter(has_text="推进综合执法改革")).to_contain_text("2015年6月底前")
    assert not Amendment.objects.exists()  # nothing stored by looking

    page.get_by_test_id("revision-apply").click()

    page.wait_for_url("**/projects/?plan=*")
    expect(page.locator("main")).to_contain_text("推进“互联网+政务服务”")
    expect(page.locator("main")).to_contain_text("健全投诉举报处理机制")
    amendment = Amendment.objects.get(plan=plan)
    assert amendment.doc_number == "罗发〔2014〕21号"
    assert not ImportDraft.objects.exists()
    for old_title, new_title in WORKED_ON.items():
        report, order = work[old_title]
        assert ProgressReport.objects.get(pk=report).project.title == new_title
        assert SupervisionOrder.objects.get(pk=order).project.title == new_title
    dropped = Project.all_objects.get(plan=plan, title="规范中介服务")
    assert dropped.archived_at is not None
    assert Plan.objects.count() == 1

    # the retitled project's page still shows its report's unit and its history
    retitled = Project.objects.get(plan=plan, title="推进“互联网+政务服务”")
    page.goto(f"/projects/{retitled.pk}/")
    expect(page.locator("main")).to_contain_text("推进“互联网+政务服务”")
