"""A document holding several plans (a 通知 with three 方案) through the wizard: one draft per
plan, each confirmed on its own into a plan of its own, all linked to the one source document."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import translation

from reformtrack.imports.models import ImportDraft, ImportUpload
from reformtrack.imports.services import draft_confirm, draft_create, draft_discard
from reformtrack.ledger.errors import DuplicateDocument
from reformtrack.ledger.models import Plan, SourceDocument

if TYPE_CHECKING:
    from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db

NOTICE = Path(__file__).resolve().parents[1] / "fixtures" / "plans" / "notice_three_plans.txt"
TITLES = [
    "某某市政务服务提质增效专项行动方案（2023—2024年）",
    "某某市工程建设项目审批制度改革专项行动方案",
    "某某市中小企业融资便利化专项行动方案",
]


def _notice_docx() -> bytes:
    import docx

    document = docx.Document()
    for line in NOTICE.read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line.strip("\u3000 "))
    document.core_properties.title = "某某市人民政府办公厅关于印发某某市营商环境提升三个专项行动方案的通知"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize("name", ["notice.txt", "notice.docx"])
def test_each_plan_becomes_a_draft_and_a_plan_of_the_one_document(office_user: User, name: str) -> None:
    content = NOTICE.read_bytes() if name.endswith(".txt") else _notice_docx()

    first, created = draft_create(owner=office_user, filename=name, content=content)

    drafts = list(ImportDraft.objects.order_by("part"))
    assert created and first == drafts[0]
    assert [draft.part for draft in drafts] == [1, 2, 3]
    assert [draft.parsed["title"] for draft in drafts] == TITLES
    assert {draft.parsed["doc_number"] for draft in drafts} == {"某府办〔2023〕18号"}
    plans = [draft_confirm(draft=draft, by=office_user) for draft in drafts]
    assert [plan.title for plan in plans] == TITLES
    sources = SourceDocument.objects.order_by("part")
    assert [(source.plan_id, source.part) for source in sources] == [
        (plan.pk, n) for n, plan in enumerate(plans, 1)
    ]
    assert {(source.sha256, source.filename) for source in sources} == {(drafts[0].sha256, name)}
    assert not ImportDraft.objects.exists()


def test_the_person_chooses_which_plans_to_import(office_user: User) -> None:
    draft_create(owner=office_user, filename="notice.txt", content=NOTICE.read_bytes())
    first, second, third = ImportDraft.objects.order_by("part")

    draft_discard(draft=second, by=office_user)
    draft_confirm(draft=third, by=office_user)
    draft_confirm(draft=first, by=office_user)

    assert sorted(Plan.objects.values_list("title", flat=True)) == sorted([TITLES[0], TITLES[2]])
    assert sorted(SourceDocument.objects.values_list("part", flat=True)) == [1, 3]


def test_a_plan_of_the_document_is_refused_a_second_time(office_user: User) -> None:
    draft_create(owner=office_user, filename="notice.txt", content=NOTICE.read_bytes())
    draft_confirm(draft=ImportDraft.objects.get(part=1), by=office_user)
    again, created = draft_create(owner=office_user, filename="notice.txt", content=NOTICE.read_bytes())
    assert created and again.part == 1

    with pytest.raises(DuplicateDocument):
        draft_confirm(draft=again, by=office_user)
    assert Plan.objects.count() == 1


IMMEDIATE = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}
}


def test_the_wizard_leads_from_plan_to_plan(client: Client, office_user: User, settings: Any) -> None:
    settings.TASKS = IMMEDIATE
    client.force_login(office_user)
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(
            reverse("imports:index"), {"document": SimpleUploadedFile("notice.txt", NOTICE.read_bytes())}
        )
    upload = ImportUpload.objects.get()
    first, second, third = ImportDraft.objects.order_by("part")
    assert upload.draft == first

    with translation.override("en"):
        page = client.get(reverse("imports:draft", args=[first.pk])).content.decode()
        listing = client.get(reverse("imports:index")).content.decode()
    assert 'data-testid="part-banner"' in page and page.count('data-testid="part-link"') == 2
    assert reverse("imports:draft", args=[second.pk]) in page
    assert listing.count('data-testid="draft-part"') == 3
    with translation.override("zh-hans"):
        chinese = client.get(reverse("imports:draft", args=[second.pk])).content.decode()
    assert "这是一份包含多个方案的文档中的第2个方案" in chinese and "第1个方案" in chinese

    response = client.post(reverse("imports:confirm", args=[first.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("imports:draft", args=[second.pk])
    client.post(reverse("imports:confirm", args=[second.pk]))
    last = client.post(reverse("imports:confirm", args=[third.pk]))
    assert last["Location"].startswith(reverse("ledger:project_list"))
    assert list(Plan.objects.order_by("pk").values_list("title", flat=True)) == TITLES
