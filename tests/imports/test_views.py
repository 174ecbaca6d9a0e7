"""The wizard's pages: upload, review with the flags highlighted, correct, merge, confirm, discard."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client, TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reformtrack.accounts.choices import Role
from reformtrack.imports.models import ImportDraft, ImportUpload
from reformtrack.imports.services import draft_confirm, draft_merge_unit
from reformtrack.ledger.models import Plan, Project, Unit, UnitAlias

from .conftest import MakeDraft, MakeUser

if TYPE_CHECKING:
    from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(client: Client, office_user: User) -> Client:
    client.force_login(office_user)
    return client


IMMEDIATE = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}
}


@pytest.fixture(autouse=True)
def _tasks_run_at_commit(settings: Any) -> None:
    # The parse job runs when the upload commits (here: when the captured callbacks run), as a
    # worker would run it a moment later; tests/imports/test_uploads.py runs the real worker.
    settings.TASKS = IMMEDIATE


def _upload(client: Client, name: str, content: bytes) -> Any:
    """Post the document, then run the parse job it started; the response of the post."""

    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("imports:index"), {"document": SimpleUploadedFile(name, content)})


def test_it_shows_the_upload_form(office: Client) -> None:
    response = office.get(reverse("imports:index"))

    assert response.status_code == 200
    assert b'type="file"' in response.content
    assert b'enctype="multipart/form-data"' in response.content


def test_an_upload_leads_through_its_parse_job_to_the_review_page(
    office: Client, damaged_document: Path
) -> None:
    response = _upload(office, "罗湖.txt", damaged_document.read_bytes())

    upload = ImportUpload.objects.select_related("job").get()
    draft = ImportDraft.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("imports:upload", args=[upload.pk])
    assert upload.job is not None and upload.job.kind == "plan_parse" and upload.job.status == "done"
    assert (upload.draft, bytes(upload.content)) == (draft, b"")  # the draft keeps the document
    page = office.get(response["Location"])
    assert page.status_code == 302 and page["Location"] == reverse("imports:draft", args=[draft.pk])
    assert not Plan.objects.exists()


def test_the_request_only_stores_the_upload_and_the_page_shows_progress(
    office: Client, damaged_document: Path
) -> None:
    response = office.post(  # no commit callbacks run: the job stays queued
        reverse("imports:index"), {"document": SimpleUploadedFile("罗湖.txt", damaged_document.read_bytes())}
    )

    upload = ImportUpload.objects.select_related("job").get()
    assert response.status_code == 302
    assert upload.job is not None and upload.job.status == "queued"
    assert bytes(upload.content) == damaged_document.read_bytes()
    assert not ImportDraft.objects.exists()
    page = office.get(reverse("imports:upload", args=[upload.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="job-progress"' in html and 'data-testid="upload-refresh"' in html
    assert reverse("jobs:job_status", args=[upload.job.pk]) in html


def test_the_review_page_highlights_every_spot_to_check(office: Client, damaged_document: Path) -> None:
    _upload(office, "罗湖.txt", damaged_document.read_bytes())
    draft = ImportDraft.objects.get()

    response = office.get(reverse("imports:draft", args=[draft.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-needs-review="true"' in html
    assert "needs-review" in html
    assert "乱码已恢复为“化及”" in html  # the importer's reason, in the page's language
    assert "强化及时尚罗湖”品牌营销" in html


def test_a_bad_document_shows_the_importers_message_and_stores_nothing(office: Client) -> None:
    response = _upload(office, "scan.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64)

    page = office.get(response["Location"])
    html = page.content.decode()
    upload = ImportUpload.objects.select_related("job").get()
    assert page.status_code == 200
    assert 'data-testid="upload-failed"' in html and "scan.png" in html
    assert "无法导入该文档" in html  # the failure in the user's language
    assert upload.job is not None and upload.job.status == "failed" and "scan.png" in upload.job.error
    assert bytes(upload.content) == b""
    assert not ImportDraft.objects.exists()


def test_an_upload_without_a_file_is_refused(office: Client) -> None:
    response = office.post(reverse("imports:index"), {})

    assert response.status_code == 400
    assert not ImportDraft.objects.exists()


def test_the_same_document_again_returns_to_its_draft(office: Client, make_draft: MakeDraft) -> None:
    draft = make_draft(b"same")

    response = _upload(office, "again.txt", b"same")

    assert response["Location"] == reverse("imports:draft", args=[draft.pk])
    assert ImportDraft.objects.count() == 1


def test_it_lists_only_the_users_own_drafts(
    office: Client, make_draft: MakeDraft, make_user: MakeUser
) -> None:
    colleague = make_user(Role.OFFICE)
    mine = make_draft(b"mine")
    make_draft(b"theirs", owner=colleague)

    response = office.get(reverse("imports:index"))

    assert [d.pk for d in response.context["drafts"]] == [mine.pk]


def test_a_title_corrected_in_place_is_kept(office: Client, make_draft: MakeDraft) -> None:
    draft = make_draft()

    response = office.post(
        reverse("imports:item_edit", args=[draft.pk, "1-1"]),
        {
            "title": "正确的标题",
            "lead_units": "区发改局、区财政局",
            "co_units": "各街道办事处",
            "targets": "打造2至3个网商集聚区",
            "reviewed": "on",
        },
    )

    assert response.status_code == 302
    assert response["Location"].endswith("#item-1-1")
    page = office.get(reverse("imports:draft", args=[draft.pk])).content.decode()
    assert "正确的标题" in page
    assert ImportDraft.objects.get().edits["items"]["1-1"] == {"title": "正确的标题", "reviewed": True}


def test_the_edit_page_shows_errors_on_the_form(office: Client, make_draft: MakeDraft) -> None:
    draft = make_draft()

    response = office.post(reverse("imports:item_edit", args=[draft.pk, "1-1"]), {"title": ""})

    assert response.status_code == 400
    assert ImportDraft.objects.get().edits == {}


def test_the_edit_page_refuses_a_too_long_unit_name(office: Client, make_draft: MakeDraft) -> None:
    draft = make_draft()

    response = office.post(
        reverse("imports:item_edit", args=[draft.pk, "1-1"]), {"title": "x", "lead_units": "区" * 201}
    )

    assert response.status_code == 400
    assert "200" in response.content.decode()


def test_an_item_that_is_not_there_is_404(office: Client, make_draft: MakeDraft) -> None:
    draft = make_draft()

    assert office.get(reverse("imports:item_edit", args=[draft.pk, "9-9"])).status_code == 404


def test_the_plan_title_is_corrected(office: Client, make_draft: MakeDraft) -> None:
    draft = make_draft()

    office.post(reverse("imports:plan_title", args=[draft.pk]), {"title": "新方案标题"})

    assert ImportDraft.objects.get().edits["plan"] == {"title": "新方案标题"}


def test_a_unit_name_is_merged_with_a_registry_unit(office: Client, make_draft: MakeDraft) -> None:
    registry = Unit.objects.create(name="区发展和改革局")
    draft = make_draft()

    response = office.post(
        reverse("imports:unit_merge", args=[draft.pk]), {"name": "区发改局", "into": registry.pk}
    )

    assert response.status_code == 302
    assert ImportDraft.objects.get().edits["units"] == {"区发改局": registry.pk}
    page = office.get(reverse("imports:draft", args=[draft.pk])).content.decode()
    assert "区发展和改革局" in page


def test_the_review_page_lists_known_and_unknown_unit_names(office: Client, make_draft: MakeDraft) -> None:
    Unit.objects.create(name="区财政局")
    draft = make_draft()

    page = office.get(reverse("imports:draft", args=[draft.pk])).content.decode()

    assert 'data-testid="known-units"' in page
    assert 'data-unit-name="区发改局"' in page  # not in the registry: a merge form
    assert 'data-unit-name="区财政局"' not in page


def test_with_an_empty_registry_every_name_is_new_and_no_form_is_shown(
    office: Client, make_draft: MakeDraft
) -> None:
    draft = make_draft()

    page = office.get(reverse("imports:draft", args=[draft.pk])).content.decode()

    assert 'data-testid="new-units"' in page
    assert 'data-testid="unit-row"' not in page


def test_confirming_stores_the_plan_and_shows_it(office: Client, make_draft: MakeDraft) -> None:
    registry = Unit.objects.create(name="区发展和改革局")
    draft = make_draft()
    office.post(
        reverse("imports:item_edit", args=[draft.pk, "1-1"]), {"title": "正确的标题", "reviewed": "on"}
    )
    office.post(reverse("imports:unit_merge", args=[draft.pk]), {"name": "区发改局", "into": registry.pk})
    assert office.get(reverse("imports:confirm", args=[draft.pk])).status_code == 200
    assert not Plan.objects.exists()

    response = office.post(reverse("imports:confirm", args=[draft.pk]))

    plan = Plan.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('ledger:project_list')}?plan={plan.pk}"
    assert Project.objects.get(plan=plan, position=0).title == "正确的标题"
    assert UnitAlias.objects.get(name="区发改局").unit == registry
    assert not ImportDraft.objects.exists()


def test_a_duplicate_document_is_refused_with_a_clear_message(
    office: Client, make_draft: MakeDraft, office_user: User
) -> None:
    stored = draft_confirm(draft=make_draft(b"same"), by=office_user)
    again = make_draft(b"same")

    review = office.get(reverse("imports:draft", args=[again.pk])).content.decode()
    response = office.post(reverse("imports:confirm", args=[again.pk]))

    assert 'data-testid="duplicate-warning"' in review
    assert response.status_code == 409
    message = response.content.decode()
    assert f"plan {stored.pk}" in message or f"方案 {stored.pk}" in message
    assert Plan.objects.count() == 1
    assert ImportDraft.objects.filter(pk=again.pk).exists()


def test_a_merge_the_registry_overtook_is_a_message_not_an_error(
    office: Client, make_draft: MakeDraft, office_user: User
) -> None:
    registry = Unit.objects.create(name="区发展和改革局")
    draft = make_draft()
    draft_merge_unit(draft=draft, by=office_user, name="区发改局", into=registry)
    Unit.objects.create(name="区发改局")

    response = office.post(reverse("imports:confirm", args=[draft.pk]))

    assert response.status_code == 409
    assert "区发改局" in response.content.decode()
    assert not Plan.objects.exists()


def test_discarding_deletes_the_draft(office: Client, make_draft: MakeDraft) -> None:
    draft = make_draft()

    response = office.post(reverse("imports:discard", args=[draft.pk]))

    assert response.status_code == 302
    assert not ImportDraft.objects.exists()


@pytest.mark.parametrize(
    ("name", "methods"),
    [
        ("draft", ["get"]),
        ("item_edit", ["get", "post"]),
        ("plan_title", ["post"]),
        ("unit_merge", ["post"]),
        ("confirm", ["get", "post"]),
        ("discard", ["post"]),
    ],
)
def test_another_users_draft_is_404(
    name: str, methods: list[str], office: Client, make_draft: MakeDraft, make_user: MakeUser
) -> None:
    theirs = make_draft(owner=make_user(Role.OFFICE))
    url = reverse(f"imports:{name}", args=[theirs.pk, "1-1"] if name == "item_edit" else [theirs.pk])

    for method in methods:
        response = getattr(office, method)(url, {"title": "x", "name": "区发改局"})
        assert response.status_code == 404, method
    assert ImportDraft.objects.get().edits == {}
    assert not Plan.objects.exists()


@pytest.mark.parametrize("role", [Role.LEADER, Role.SUPERVISION, Role.UNIT_LEAD, Role.CLERK, Role.COUNIT])
def test_only_the_coordinating_office_may_import(client: Client, make_user: MakeUser, role: str) -> None:
    client.force_login(make_user(role, "区经济促进局"))

    assert client.get(reverse("imports:index")).status_code == 403
    assert client.post(reverse("imports:index"), {}).status_code == 403


def test_anonymous_users_go_to_the_login_page(client: Client) -> None:
    response = client.get(reverse("imports:index"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_review_page_costs_the_same_queries_for_a_small_and_a_large_plan(
    office: Client, make_draft: MakeDraft
) -> None:
    small = make_draft(b"small", chapters=1, projects=1, measures=1)
    large = make_draft(b"large", chapters=6, projects=12, measures=8, children=3)

    def queries(pk: int) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert office.get(reverse("imports:draft", args=[pk])).status_code == 200
        return len(captured)

    assert queries(small.pk) == queries(large.pk)


def test_the_draft_list_costs_the_same_queries_for_one_and_many_drafts(
    office: Client, make_draft: MakeDraft
) -> None:
    make_draft(b"first")

    with CaptureQueriesContext(connection) as one:
        office.get(reverse("imports:index"))
    for n in range(5):
        make_draft(f"draft {n}".encode())
    with CaptureQueriesContext(connection) as many:
        office.get(reverse("imports:index"))

    assert len(one) == len(many)
