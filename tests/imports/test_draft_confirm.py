"""draft_confirm: the corrected draft goes into the ledger in one transaction, and the draft goes."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from reformtrack.imports.errors import DraftError
from reformtrack.imports.models import ImportDraft
from reformtrack.imports.selectors import draft_review
from reformtrack.imports.services import draft_confirm, draft_create, draft_edit, draft_merge_unit
from reformtrack.ledger.choices import UnitRole
from reformtrack.ledger.errors import DuplicateDocument, PlanImportError
from reformtrack.ledger.models import Plan, Project, ProjectUnit, SourceDocument, Unit, UnitAlias

from .conftest import MakeDraft

if TYPE_CHECKING:
    from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db


def test_it_stores_the_corrected_plan(make_draft: MakeDraft, office_user: User) -> None:
    draft = make_draft(b"the document")
    draft_edit(draft=draft, by=office_user, ref="1-1", title="正确的标题", reviewed=True)
    draft_edit(draft=draft, by=office_user, ref="2-1", targets=["引进10家以上龙头企业"])

    plan = draft_confirm(draft=draft, by=office_user)

    corrected = Project.objects.get(plan=plan, position=0)
    assert corrected.title == "正确的标题"
    assert not corrected.needs_review
    assert corrected.review_reasons == []
    still_flagged = Project.objects.get(plan=plan, title="项目2-1")
    assert still_flagged.needs_review
    assert [t.text for t in still_flagged.targets.all()] == ["引进10家以上龙头企业"]
    assert plan.created_by == office_user
    assert bytes(SourceDocument.objects.get(plan=plan).content) == b"the document"
    assert not ImportDraft.objects.exists()


def test_a_real_document_keeps_its_repaired_text(office_user: User, damaged_document: Path) -> None:
    draft, _ = draft_create(owner=office_user, filename="罗湖.txt", content=damaged_document.read_bytes())
    review = draft_review(draft)
    flagged = review.flagged[0]
    draft_edit(draft=draft, by=office_user, ref=flagged.ref, title="强化“时尚罗湖”品牌营销", reviewed=True)

    plan = draft_confirm(draft=draft, by=office_user)

    source = SourceDocument.objects.get(plan=plan)
    assert source.text == draft.text
    assert source.filename == "罗湖.txt"
    assert source.source_format == "txt"
    assert Project.objects.get(plan=plan, title="强化“时尚罗湖”品牌营销").needs_review is False


def test_a_merged_name_becomes_an_alias_and_links_to_the_registry_unit(
    make_draft: MakeDraft, office_user: User
) -> None:
    registry = Unit.objects.create(name="区发展和改革局")
    draft = make_draft()
    draft_merge_unit(draft=draft, by=office_user, name="区发改局", into=registry)

    plan = draft_confirm(draft=draft, by=office_user)

    assert UnitAlias.objects.get(name="区发改局").unit == registry
    assert not Unit.objects.filter(name="区发改局").exists()
    first = Project.objects.get(plan=plan, position=0)
    assert ProjectUnit.objects.filter(project=first, unit=registry, role=UnitRole.LEAD).exists()


def test_the_same_document_is_refused_and_nothing_changes(make_draft: MakeDraft, office_user: User) -> None:
    registry = Unit.objects.create(name="区外事办")
    draft_confirm(draft=make_draft(b"same bytes"), by=office_user)
    again = make_draft(b"same bytes", lead_units=("区外事办公室",))
    draft_merge_unit(draft=again, by=office_user, name="区外事办公室", into=registry)

    with pytest.raises(DuplicateDocument):
        draft_confirm(draft=again, by=office_user)

    assert Plan.objects.count() == 1
    assert ImportDraft.objects.filter(pk=again.pk).exists()
    assert not UnitAlias.objects.exists()


def test_a_duplicate_is_refused_with_the_plan_it_duplicates(make_draft: MakeDraft, office_user: User) -> None:
    stored = draft_confirm(draft=make_draft(b"same bytes"), by=office_user)
    again = make_draft(b"same bytes")

    with pytest.raises(DuplicateDocument) as raised:
        draft_confirm(draft=again, by=office_user)

    assert raised.value.plan == stored
    assert ImportDraft.objects.filter(pk=again.pk).exists()


def test_a_failed_import_leaves_no_alias_behind(make_draft: MakeDraft, office_user: User) -> None:
    registry = Unit.objects.create(name="区发展和改革局")
    draft = make_draft()
    draft_merge_unit(draft=draft, by=office_user, name="区发改局", into=registry)
    stored = ImportDraft.objects.get(pk=draft.pk)
    stored.parsed["doc_number"] = "号" * 101  # longer than Plan.doc_number holds
    stored.save()

    with pytest.raises(PlanImportError, match="document number"):
        draft_confirm(draft=stored, by=office_user)

    assert not UnitAlias.objects.exists()
    assert not Plan.objects.exists()
    assert ImportDraft.objects.filter(pk=draft.pk).exists()


def test_a_merge_into_a_unit_deleted_meanwhile_is_refused(make_draft: MakeDraft, office_user: User) -> None:
    registry = Unit.objects.create(name="区发展和改革局")
    draft = make_draft()
    draft_merge_unit(draft=draft, by=office_user, name="区发改局", into=registry)
    registry.delete()

    with pytest.raises(DraftError, match="no longer exists"):
        draft_confirm(draft=ImportDraft.objects.get(pk=draft.pk), by=office_user)
    assert not Plan.objects.exists()


def test_a_merged_name_that_became_a_unit_meanwhile_is_refused(
    make_draft: MakeDraft, office_user: User
) -> None:
    registry = Unit.objects.create(name="区发展和改革局")
    draft = make_draft()
    draft_merge_unit(draft=draft, by=office_user, name="区发改局", into=registry)
    Unit.objects.create(name="区发改局")

    with pytest.raises(DraftError, match="unit of its own now"):
        draft_confirm(draft=ImportDraft.objects.get(pk=draft.pk), by=office_user)
    assert not Plan.objects.exists()


def test_a_confirmed_draft_cannot_be_confirmed_again(make_draft: MakeDraft, office_user: User) -> None:
    draft = make_draft()
    draft_confirm(draft=draft, by=office_user)

    with pytest.raises(DraftError, match="confirmed or discarded"):
        draft_confirm(draft=draft, by=office_user)
    assert Plan.objects.count() == 1


def test_the_wizard_finds_a_unit_by_its_alias_and_by_the_name_of_a_unit_merged_into_it(
    make_draft: MakeDraft, office_user: User
) -> None:
    from reformtrack.ledger.services import unit_merge

    kept = Unit.objects.create(name="区发展和改革局")
    old = Unit.objects.create(name="区发改局")  # the name the draft prints
    unit_merge(source=old, into=kept, by=office_user)
    UnitAlias.objects.filter(name="区发改局").delete()  # even with the merge's alias gone
    draft = make_draft()

    review = draft_review(draft)
    plan = draft_confirm(draft=draft, by=office_user)

    assert {row.name: row.unit for row in review.units}["区发改局"] == kept
    assert old not in review.registry  # an archived unit is not offered to merge into
    first = Project.objects.get(plan=plan, position=0)
    assert ProjectUnit.objects.filter(project=first, unit=kept, role=UnitRole.LEAD).exists()
    assert Unit.objects.filter(name="区发改局").count() == 1  # no second unit of that name


def test_a_name_merged_into_a_unit_archived_meanwhile_is_refused(
    make_draft: MakeDraft, office_user: User
) -> None:
    from reformtrack.ledger.services import unit_merge

    chosen = Unit.objects.create(name="区发展和改革局")
    draft = make_draft()
    draft_merge_unit(draft=draft, by=office_user, name="区发改局", into=chosen)
    unit_merge(source=chosen, into=Unit.objects.create(name="区发展改革局"), by=office_user)

    with pytest.raises(DraftError, match="merged into another unit meanwhile"):
        draft_confirm(draft=ImportDraft.objects.get(pk=draft.pk), by=office_user)
    assert not Plan.objects.exists()


def test_an_alias_added_by_the_wizard_has_its_history(make_draft: MakeDraft, office_user: User) -> None:
    registry = Unit.objects.create(name="区发展和改革局")
    draft = make_draft()
    draft_merge_unit(draft=draft, by=office_user, name="区发改局", into=registry)

    draft_confirm(draft=draft, by=office_user)

    row = UnitAlias.history.get(name="区发改局")
    assert (row.history_type, row.history_user) == ("+", office_user)
