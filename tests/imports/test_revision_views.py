"""The wizard's pages for a revised document: upload for a plan, review each change, apply."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client, TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reformtrack.imports.models import ImportDraft
from reformtrack.ingest import parse_file
from reformtrack.ledger.models import Plan, Project
from reformtrack.ledger.models_amend import Amendment
from reformtrack.ledger.services import plan_import

if TYPE_CHECKING:
    from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parents[1] / "cli" / "fixtures"
AFTER = FIXTURES / "revise-after.txt"
IMMEDIATE = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}
}


@pytest.fixture(autouse=True)
def _tasks_run_at_commit(settings: Any) -> None:
    settings.TASKS = IMMEDIATE


@pytest.fixture
def office(client: Client, office_user: User) -> Client:
    client.force_login(office_user)
    return client


@pytest.fixture
def plan() -> Plan:
    path = FIXTURES / "revise-before.txt"
    return plan_import(parsed=parse_file(path), source_bytes=path.read_bytes(), filename=path.name)


def upload(client: Client, plan: Plan, path: Path = AFTER, content: bytes | None = None) -> Any:
    data = content if content is not None else path.read_bytes()
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            reverse("imports:revise"), {"plan": plan.pk, "document": SimpleUploadedFile(path.name, data)}
        )


def review_page(client: Client, plan: Plan) -> tuple[ImportDraft, Any]:
    response = upload(client, plan)
    assert response.status_code == 302, response.content
    draft = ImportDraft.objects.get(revises=plan)
    page = client.get(reverse("imports:revision", args=[draft.pk]))
    assert page.status_code == 200
    return draft, page


def titles(plan: Plan) -> list[str]:
    return list(Project.objects.filter(plan=plan).values_list("title", flat=True))


def test_the_import_page_offers_a_revised_document_for_a_stored_plan(office: Client, plan: Plan) -> None:
    page = office.get(reverse("imports:index"))

    assert page.status_code == 200
    assert b'data-testid="revise-form"' in page.content
    assert f'<option value="{plan.pk}"'.encode() in page.content


def test_an_upload_leads_through_the_parse_to_the_review(office: Client, plan: Plan) -> None:
    response = upload(office, plan)

    draft = ImportDraft.objects.get(revises=plan)
    assert office.get(response["Location"]).status_code == 302  # the upload page → the draft
    assert office.get(reverse("imports:draft", args=[draft.pk]))["Location"] == reverse(
        "imports:revision", args=[draft.pk]
    )


def test_the_review_lists_each_change_with_a_ticked_checkbox(office: Client, plan: Plan) -> None:
    before = titles(plan)

    _draft, page = review_page(office, plan)

    changes = page.context["review"].changes
    assert sorted(change.key.split(":")[0] for change in changes) == [
        "added",
        "added",
        "deadline_moved",
        "dropped",
        "retitled",
        "units_changed",
    ]
    assert page.content.count(b'name="accept"') == 6
    assert page.content.count(b" checked") == 6
    assert titles(plan) == before  # nothing stored by looking
    assert not Amendment.objects.exists()


def test_applying_the_ticked_changes_stores_one_amendment(office: Client, plan: Plan) -> None:
    draft, page = review_page(office, plan)
    form = page.context["form"]
    keys = [c.key for c in page.context["review"].changes if not c.key.startswith("dropped")]

    response = office.post(
        reverse("imports:revision", args=[draft.pk]),
        {**{k: v for k, v in form.initial.items() if k != "accept"}, "accept": keys},
    )

    assert response.status_code == 302, response.content
    assert response["Location"] == f"{reverse('ledger:project_list')}?plan={plan.pk}"
    amendment = Amendment.objects.get(plan=plan)
    assert amendment.doc_number == "罗发〔2014〕21号"
    assert "规范中介服务" in titles(plan)  # its drop was rejected
    assert "深化商事登记制度改革" in titles(plan)
    assert not ImportDraft.objects.filter(pk=draft.pk).exists()


def test_a_stale_review_is_refused_and_stores_nothing(office: Client, plan: Plan) -> None:
    draft, page = review_page(office, plan)
    data = {**page.context["form"].initial, "shown": "retitled:p1"}

    response = office.post(reverse("imports:revision", args=[draft.pk]), data)

    assert response.status_code == 400
    assert b'data-testid="revision-error"' in response.content
    assert not Amendment.objects.exists()
    assert ImportDraft.objects.filter(pk=draft.pk).exists()


def test_a_form_without_a_reason_keeps_the_choices(office: Client, plan: Plan) -> None:
    draft, page = review_page(office, plan)
    keys = [page.context["review"].changes[0].key]
    data = {**page.context["form"].initial, "accept": keys, "reason": ""}

    response = office.post(reverse("imports:revision", args=[draft.pk]), data)

    assert response.status_code == 400
    assert response.content.count(b" checked") == 1
    assert not Amendment.objects.exists()


def test_a_bad_file_gets_the_importers_message(office: Client, plan: Plan) -> None:
    response = upload(office, plan, FIXTURES / "no-structure.txt")

    page = office.get(response["Location"])
    assert page.status_code == 200
    assert page.context["failed"] and page.context["error"]
    assert not ImportDraft.objects.exists()


def test_a_document_drafted_as_a_new_plan_is_refused_as_a_revision(
    office: Client, plan: Plan, office_user: User
) -> None:
    sha256 = hashlib.sha256(AFTER.read_bytes()).hexdigest()
    ImportDraft.objects.create(
        owner=office_user, filename="a.txt", sha256=sha256, size=1, content=b"x", parsed={"title": "x"}
    )

    response = upload(office, plan)

    assert response.status_code == 400
    assert b'data-testid="revise-error"' in response.content


def test_a_new_plan_draft_has_no_revision_page(office: Client, office_user: User) -> None:
    draft = ImportDraft.objects.create(
        owner=office_user, filename="a.txt", sha256="0" * 64, size=1, content=b"x", parsed={"title": "x"}
    )

    assert office.get(reverse("imports:revision", args=[draft.pk])).status_code == 404


def test_a_revised_document_is_never_imported_as_a_new_plan(office: Client, plan: Plan) -> None:
    draft, _page = review_page(office, plan)

    response = office.post(reverse("imports:confirm", args=[draft.pk]))

    assert response["Location"] == reverse("imports:revision", args=[draft.pk])
    assert Plan.objects.count() == 1
    assert ImportDraft.objects.filter(pk=draft.pk).exists()


def test_the_review_costs_the_same_queries_whatever_the_plans_size(
    office: Client, office_user: User, make_plan: Any
) -> None:
    def queries(projects: int) -> int:
        parsed = make_plan(projects=projects, children=2)
        source = f"plan-{projects}".encode()
        stored = plan_import(parsed=parsed, source_bytes=source, filename="plan.txt")
        revised = make_plan(projects=projects + 1, children=2)  # one project more, the rest the same
        draft = ImportDraft.objects.create(
            owner=office_user,
            filename="revised.txt",
            sha256=f"revised-{projects}",
            size=1,
            content=b"x",
            parsed=revised.to_dict(),
            revises=stored,
        )
        with CaptureQueriesContext(connection) as captured:
            response = office.get(reverse("imports:revision", args=[draft.pk]))
        assert response.status_code == 200
        assert len(response.context["review"].changes) == 6  # a project and its 2 sub-items per chapter
        return len(captured)

    assert queries(2) == queries(12)
