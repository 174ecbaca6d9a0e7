"""draft_create: a parsed upload is kept as the owner's draft; the ledger is not touched."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from reformtrack.accounts.choices import Role
from reformtrack.imports.models import ImportDraft
from reformtrack.imports.services import draft_create
from reformtrack.ingest import IngestError
from reformtrack.ledger.models import Plan, Unit

from .conftest import MakePlan, MakeUser, UsePlan

if TYPE_CHECKING:
    from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db


def test_it_keeps_the_document_and_what_the_importer_found(office_user: User, damaged_document: Path) -> None:
    content = damaged_document.read_bytes()

    draft, created = draft_create(owner=office_user, filename="罗湖.txt", content=content)

    draft.refresh_from_db()
    assert created
    assert draft.owner == office_user
    assert draft.filename == "罗湖.txt"
    assert bytes(draft.content) == content
    assert draft.size == len(content)
    assert draft.sha256 == hashlib.sha256(content).hexdigest()
    assert draft.parsed["title"] == "深圳市罗湖区全面推进改革创新总体方案（2013—2015年）"
    assert any(item["needs_review"] for chapter in draft.parsed["chapters"] for item in chapter["items"])
    assert "罗湖" in draft.text
    assert draft.edits == {}


def test_it_stores_nothing_in_the_ledger(office_user: User, damaged_document: Path) -> None:
    draft_create(owner=office_user, filename="plan.txt", content=damaged_document.read_bytes())

    assert Plan.objects.count() == 0
    assert Unit.objects.count() == 0


def test_it_refuses_a_bad_document_and_stores_nothing(office_user: User) -> None:
    with pytest.raises(IngestError) as raised:
        draft_create(owner=office_user, filename="scan.png", content=b"\x89PNG\r\n\x1a\n" + b"\0" * 100)

    assert "scan.png" in str(raised.value)
    assert ImportDraft.objects.count() == 0


def test_it_refuses_a_text_without_plan_structure(office_user: User, fixtures_dir: Path) -> None:
    with pytest.raises(IngestError):
        draft_create(
            owner=office_user,
            filename="no-structure.txt",
            content=(fixtures_dir / "no-structure.txt").read_bytes(),
        )

    assert ImportDraft.objects.count() == 0


def test_a_parser_failure_becomes_a_one_line_error(
    office_user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reformtrack.ingest

    def broken(data: bytes, filename: str) -> None:
        raise ValueError("boom")

    monkeypatch.setattr(reformtrack.ingest, "parse_bytes", broken)
    monkeypatch.setattr(reformtrack.ingest, "parse_document_bytes", broken)

    with pytest.raises(IngestError, match="please report this"):
        draft_create(owner=office_user, filename="plan.txt", content=b"x")
    assert ImportDraft.objects.count() == 0


def test_it_refuses_nul_characters_on_every_database(
    office_user: User, use_plan: UsePlan, make_plan: MakePlan
) -> None:
    use_plan(make_plan(title="方案\x00"))

    with pytest.raises(IngestError, match="NUL"):
        draft_create(owner=office_user, filename="plan.txt", content=b"x")
    assert ImportDraft.objects.count() == 0


def test_the_same_document_again_gives_the_same_draft_back(
    office_user: User, use_plan: UsePlan, make_plan: MakePlan
) -> None:
    use_plan(make_plan())
    first, _ = draft_create(owner=office_user, filename="plan.txt", content=b"same")
    first.edits = {"plan": {"title": "改过的标题"}}
    first.save()

    again, created = draft_create(owner=office_user, filename="copy.txt", content=b"same")

    assert not created
    assert again.pk == first.pk
    assert again.edits == {"plan": {"title": "改过的标题"}}
    assert ImportDraft.objects.count() == 1


def test_two_users_get_a_draft_each_of_the_same_document(
    office_user: User, make_user: MakeUser, use_plan: UsePlan, make_plan: MakePlan
) -> None:
    colleague = make_user(Role.OFFICE, username="colleague")
    use_plan(make_plan())

    mine, _ = draft_create(owner=office_user, filename="plan.txt", content=b"same")
    theirs, created = draft_create(owner=colleague, filename="plan.txt", content=b"same")

    assert created
    assert mine.pk != theirs.pk
