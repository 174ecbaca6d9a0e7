"""The implementation cycle end to end in a browser, as issue 4 asks for it.

Two projects of 区经济促进局, both past their deadline (2013-12-31) and so red. A monthly reporting
cycle whose last month's report was due yesterday, and not sent: the clerk is reminded, once, however
often the reminder run goes. The clerk reports the first project done with a file; the office returns
the report, the clerk sends it again, the office accepts it, and that project's light turns green.
The office issues a supervision order on the second project, the clerk answers it, the office closes
it out. The office gathers a bulletin (a background job, run by the database worker) whose .docx
opens with python-docx and lists the second project as overdue.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import docx
from django.core.management import call_command
from playwright.sync_api import expect

from reformtrack.ledger.models import Plan, Project
from reformtrack.reminders.models import Notification
from reformtrack.reminders.services import reminders_send
from reformtrack.reporting.choices import Frequency
from reformtrack.reporting.models import ReportingCycle
from reformtrack.status.models import StatusChange
from reformtrack.status.services import lights_recompute
from reformtrack.supervision.choices import OrderStatus
from reformtrack.supervision.models import Bulletin, SupervisionOrder

from .conftest import MakePage, SignIn

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from playwright.sync_api import Page
    from pytest_django.fixtures import Settings

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _monthly_cycle_due_yesterday(plan: Plan, today: dt.date) -> ReportingCycle:
    """Last month's period ended on its last day; its report fell due yesterday (due_day counts from
    the period's end), so today is the first day after the due date: the day of the first 催办."""
    last_month_end = today.replace(day=1) - dt.timedelta(days=1)
    return ReportingCycle.objects.create(
        plan=plan,
        name="月度进展",
        frequency=Frequency.MONTHLY,
        due_day=(today - dt.timedelta(days=1) - last_month_end).days,
        grace_days=0,
        start=last_month_end.replace(day=1),
        end=today + dt.timedelta(days=300),
    )


def _light(page: Page, project: Project) -> str:
    page.goto(f"/projects/{project.pk}/")
    return page.get_by_test_id("project-light").inner_text()


def test_the_whole_cycle_from_report_to_bulletin(
    make_page: MakePage,
    sign_in: SignIn,
    store_plan: Callable[..., Plan],
    clerk_user: User,
    office_user: User,
    settings: Settings,
    tmp_path: Path,
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    today = dt.date.today()
    plan = store_plan(chapters=1, projects=2, children=0, lead_units=("区经济促进局",), co_units=())
    done, lagging = plan.projects.filter(level=1).order_by("position")
    _monthly_cycle_due_yesterday(plan, today)
    lights_recompute(today=today)  # what the nightly run has done
    evidence = tmp_path / "验收报告.pdf"
    evidence.write_bytes(PDF)

    clerk, office = make_page(), make_page()
    sign_in(clerk_user, on=clerk)
    sign_in(office_user, on=office)
    assert "严重滞后" in _light(office, done) and "严重滞后" in _light(office, lagging)

    # A reminder of the missing report, exactly once however often the run goes (cron, scheduler).
    reminders_send(today=today)
    reminders_send(today=today)
    clerk.goto("/reminders/")
    notifications = clerk.get_by_test_id("notifications")
    for project in (done, lagging):
        expect(notifications.get_by_role("listitem").filter(has_text=project.title)).to_have_count(1)
    expect(clerk.get_by_test_id("nav-bell-count")).to_have_text("2")
    assert Notification.objects.filter(recipient=clerk_user).count() == 2
    assert all(text.startswith("【催办】") for text in Notification.objects.values_list("body", flat=True))

    # The report: drafted with a file and submitted, returned, submitted again, accepted.
    clerk.goto("/reports/")
    clerk.get_by_test_id("start-report").first.click()
    clerk.set_input_files("#id_files", str(evidence))
    clerk.get_by_test_id("evidence-submit").click()
    expect(clerk.get_by_test_id("evidence-list")).to_contain_text("验收报告.pdf")
    clerk.fill("#id_percent_complete", "100")
    clerk.fill("#id_done", "已全面完成并通过验收")
    clerk.get_by_test_id("report-submit").click()
    expect(clerk.get_by_test_id("report-status")).to_contain_text("已报送")

    office.goto("/reports/review/")
    office.get_by_test_id("review-queue").get_by_role("link").first.click()
    office.fill("#id_comment", "请补充验收意见")
    office.get_by_test_id("review-return").click()
    expect(office.get_by_test_id("report-status")).to_contain_text("已退回")

    clerk.goto("/reports/")
    expect(clerk.get_by_test_id("owed-list")).to_contain_text("请补充验收意见")
    clerk.get_by_test_id("open-report").first.click()
    clerk.get_by_test_id("report-submit").click()
    expect(clerk.get_by_test_id("report-status")).to_contain_text("已报送")

    office.goto("/reports/review/")
    office.get_by_test_id("review-queue").get_by_role("link").first.click()
    office.get_by_test_id("review-accept").click()
    expect(office.get_by_test_id("report-status")).to_contain_text("已通过")

    # The light of the reported project changes, and the change is recorded; the other stays red.
    assert "正常" in _light(office, done)
    expect(office.get_by_test_id("status-changes")).to_contain_text("正常")
    assert "严重滞后" in _light(office, lagging)
    change = StatusChange.objects.filter(project=done).latest("pk")
    assert (change.old, change.new) == ("red", "green")

    # A supervision order on the lagging project: issued from its page, answered, closed out.
    office.goto(f"/projects/{lagging.pk}/")
    office.get_by_test_id("project-issue-order").click()
    office.select_option("#id_grade", "red")
    office.fill("#id_reason", "项目逾期未完成")
    office.fill("#id_requirements", "请于回复时限前报送整改措施")
    office.fill("#id_response_due", (today + dt.timedelta(days=7)).isoformat())
    office.get_by_test_id("order-issue-submit").click()
    expect(office.get_by_test_id("order-number")).to_contain_text(f"督办〔{today.year}〕1号")
    order = SupervisionOrder.objects.get()

    clerk.goto(f"/supervision/orders/{order.pk}/")
    clerk.get_by_test_id("order-respond").click()
    clerk.fill("#id_text", "已制定整改方案，本月内完成")
    clerk.get_by_test_id("order-respond-form").locator("[type=submit]").click()
    expect(clerk.get_by_test_id("order-response")).to_contain_text("已制定整改方案")

    office.goto(f"/supervision/orders/{order.pk}/")
    office.get_by_test_id("order-close").click()
    office.get_by_test_id("order-close-confirm").get_by_test_id("confirm").click()
    expect(office.get_by_test_id("order-status")).to_contain_text("已销号")
    order.refresh_from_db()
    assert order.status == OrderStatus.CLOSED

    # A bulletin of the period, gathered by the background worker, as .docx.
    office.goto("/supervision/bulletins/")
    office.get_by_test_id("bulletin-create").click()
    form = office.get_by_test_id("bulletin-create-form")
    form.locator("#id_period_start").fill(today.replace(day=1).isoformat())
    form.locator("#id_period_end").fill(today.isoformat())
    form.locator("[type=submit]").click()
    expect(office.get_by_test_id("job")).to_be_visible()
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    bulletin = Bulletin.objects.get()
    office.goto(f"/supervision/bulletins/{bulletin.pk}/")
    expect(office.get_by_test_id("bulletin-status")).to_contain_text("草稿")
    with office.expect_download() as download:
        office.get_by_test_id("bulletin-docx").click()
    document = docx.Document(io.BytesIO(Path(download.value.path()).read_bytes()))
    texts = [paragraph.text for paragraph in document.paragraphs if paragraph.text]
    assert (
        texts[0] == "区委（政府）督查室" and "全面深化改革工作督查通报" in texts[2]
    )  # masthead, number, title
    overdue = next(
        t for t in document.tables if [c.text for c in t.rows[0].cells][:3] == ["序号", "方案", "项目"]
    )
    listed = [" ".join(cell.text for cell in row.cells) for row in overdue.rows[1:]]
    # the lagging project once, its measure inside its row; nothing of the project reported done
    assert len(listed) == 1 and "1. " in listed[0], listed
    assert all(lagging.title in row and "区经济促进局" in row for row in listed), listed
    assert not any(done.title in row for row in listed), listed
