"""The import wizard in a browser: upload a damaged document, correct a flagged title, confirm."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from django.core.management import call_command
from playwright.sync_api import Page, expect

from reformtrack.imports.models import ImportDraft
from reformtrack.ledger.models import Plan, Project

from .conftest import MakePage, SignIn

if TYPE_CHECKING:
    from django.contrib.auth.models import User

DAMAGED = Path(__file__).parents[1] / "imports" / "fixtures" / "damaged-excerpt.txt"
CORRECT_TITLE = "强化“时尚罗湖”品牌营销"


def upload(page: Page, path: Path) -> None:
    """Upload a document and let the background worker parse it while the page follows the job."""
    page.set_input_files("input[type=file]", str(path))
    page.get_by_test_id("upload-submit").click()
    expect(page.get_by_test_id("job")).to_be_visible()  # the request only started the parse
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def test_it_imports_a_document_after_a_title_is_corrected(
    page: Page, sign_in: SignIn, office_user: User
) -> None:
    sign_in(office_user)
    page.goto("/import/")
    upload(page, DAMAGED)

    flagged = page.locator("[data-needs-review=true]").first
    expect(flagged).to_be_visible()
    expect(flagged.get_by_test_id("review-reasons")).to_contain_text(
        "乱码已恢复为"
    )  # the importer's doubt, worded in Chinese
    expect(page.get_by_test_id("flag-count")).to_be_visible()
    ref = flagged.get_attribute("data-ref")

    flagged.get_by_test_id("item-edit-toggle").click()
    flagged.locator("input[name=title]").fill(CORRECT_TITLE)
    flagged.get_by_test_id("item-save").click()

    corrected = page.locator(f"[data-ref='{ref}']")
    expect(corrected.get_by_test_id("item-title")).to_contain_text(CORRECT_TITLE)
    expect(corrected.get_by_test_id("item-edited")).to_be_visible()
    assert corrected.get_attribute("data-needs-review") is None

    page.reload()  # nothing is lost on a reload: the draft is stored
    expect(page.locator(f"[data-ref='{ref}']").get_by_test_id("item-title")).to_contain_text(CORRECT_TITLE)
    assert not Plan.objects.exists()

    page.get_by_test_id("confirm-link").first.click()
    page.get_by_test_id("confirm-submit").click()

    page.wait_for_url("**/projects/?plan=*")
    expect(page.locator("main")).to_contain_text(CORRECT_TITLE)
    plan = Plan.objects.get()
    stored = Project.objects.get(plan=plan, title=CORRECT_TITLE)
    assert not stored.needs_review
    assert not ImportDraft.objects.exists()


def test_a_bad_document_is_refused_on_the_form(
    page: Page, sign_in: SignIn, office_user: User, tmp_path: Path
) -> None:
    picture = tmp_path / "scan.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    sign_in(office_user)

    page.goto("/import/")
    upload(page, picture)

    # the page following the job shows why, in Chinese (its script, or the page reloaded); so does
    # the page when opened again
    why = page.locator("[data-testid=upload-failed], [data-testid=job-error]:not(.d-none)")
    expect(why).to_contain_text("无法导入该文档", timeout=15_000)
    expect(why).to_contain_text("scan.png：是图片（PNG），不是文字文档")  # the importer's words too
    page.reload()
    expect(page.get_by_test_id("upload-failed")).to_contain_text("scan.png")
    expect(page.get_by_test_id("upload-form")).to_be_visible()
    assert not ImportDraft.objects.exists()


def test_the_wizard_works_with_javascript_off(
    make_page: MakePage, sign_in: SignIn, office_user: User
) -> None:
    page = make_page(javascript=False)
    sign_in(office_user, on=page)
    page.goto("/import/")
    upload(page, DAMAGED)

    flagged = page.locator("[data-needs-review=true]").first
    ref = flagged.get_attribute("data-ref")
    flagged.get_by_test_id("item-edit-toggle").click()  # <details> opens without JavaScript
    flagged.locator("input[name=title]").fill(CORRECT_TITLE)
    flagged.get_by_test_id("item-save").click()

    expect(page.locator(f"[data-ref='{ref}']").get_by_test_id("item-title")).to_contain_text(CORRECT_TITLE)


def test_the_review_page_of_the_whole_sample_plan(
    page: Page, sign_in: SignIn, office_user: User, tmp_path: Path
) -> None:
    from importlib import resources

    from reformtrack.ingest import parse_bytes

    sample = tmp_path / "luohu-reform-plan-2013-2015.txt"
    sample.write_bytes(resources.files("reformtrack.ingest").joinpath("data", sample.name).read_bytes())
    flagged = [item for item in parse_bytes(sample.read_bytes(), sample.name).items() if item.needs_review]
    sign_in(office_user)

    page.goto("/import/")
    upload(page, sample)

    expect(page.get_by_test_id("draft-title")).to_contain_text("罗湖区全面推进改革创新总体方案")
    expect(page.locator("[data-needs-review=true]")).to_have_count(len(flagged))
    expect(page.get_by_test_id("flag-count")).to_contain_text(str(len(flagged)))
    page.screenshot(path=str(tmp_path / "import-review.png"), full_page=True)
    print(f"screenshot: {tmp_path / 'import-review.png'}")  # where to find it, with -s


def test_a_parsed_unit_name_is_merged_with_a_registry_unit(
    page: Page, sign_in: SignIn, office_user: User
) -> None:
    from reformtrack.ledger.models import ProjectUnit, Unit, UnitAlias

    registry = Unit.objects.create(name="区经济和科技促进局")
    sign_in(office_user)
    page.goto("/import/")
    upload(page, DAMAGED)

    row = page.locator("[data-testid=unit-row][data-unit-name=区经济促进局]")
    row.locator("select").select_option(label="区经济和科技促进局")
    row.locator("[type=submit]").click()
    expect(page.locator("[data-testid=unit-row][data-unit-name=区经济促进局]")).to_contain_text(
        "区经济和科技促进局"
    )

    page.get_by_test_id("confirm-link").first.click()
    page.get_by_test_id("confirm-submit").click()
    page.wait_for_url("**/projects/?plan=*")

    assert UnitAlias.objects.get(name="区经济促进局").unit == registry
    assert not Unit.objects.filter(name="区经济促进局").exists()
    assert ProjectUnit.objects.filter(unit=registry).exists()
