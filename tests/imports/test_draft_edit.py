"""draft_edit, draft_retitle, draft_merge_unit, draft_discard: corrections are kept on the draft."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from reformtrack.accounts.choices import Role
from reformtrack.imports.errors import DraftError
from reformtrack.imports.models import ImportDraft
from reformtrack.imports.selectors import draft_parsed
from reformtrack.imports.services import (
    draft_discard,
    draft_edit,
    draft_merge_unit,
    draft_retitle,
    split_unit_names,
)
from reformtrack.ledger.models import Plan, Unit

from .conftest import MakeDraft, MakeUser

if TYPE_CHECKING:
    from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db


def _stored(draft: ImportDraft) -> ImportDraft:
    return ImportDraft.objects.get(pk=draft.pk)


def test_it_keeps_a_corrected_title(make_draft: MakeDraft, office_user: User) -> None:
    draft = make_draft()

    draft_edit(draft=draft, by=office_user, ref="1-1", title="  强化“时尚罗湖”\n品牌营销 ")

    stored = _stored(draft)
    assert stored.edits["items"]["1-1"] == {"title": "强化“时尚罗湖” 品牌营销"}
    assert stored.parsed["chapters"][0]["items"][0]["title"] == "项目1-1"  # what the importer found stays
    assert draft_parsed(stored).chapters[0].items[0].title == "强化“时尚罗湖” 品牌营销"


def test_it_corrects_units_and_targets(make_draft: MakeDraft, office_user: User) -> None:
    draft = make_draft()

    draft_edit(
        draft=draft,
        by=office_user,
        ref="1-1-1",
        lead_units=["区 民政局", "区民政局", "区文明办"],
        co_units=[],
        targets=["", "培育5家以上社会组织 "],
    )

    item = draft_parsed(_stored(draft)).chapters[0].items[0].children[0]
    assert item.lead_units == ["区民政局", "区文明办"]
    assert item.co_units == []
    assert [(t.text, t.min, t.unit) for t in item.targets] == [("培育5家以上社会组织", 5, "家")]


def test_a_value_equal_to_the_importers_drops_the_correction(
    make_draft: MakeDraft, office_user: User
) -> None:
    draft = make_draft()
    draft_edit(draft=draft, by=office_user, ref="1-2", title="改了")

    draft_edit(draft=draft, by=office_user, ref="1-2", title="项目1-2", lead_units=["区发改局", "区财政局"])

    assert "1-2" not in _stored(draft).edits["items"]


def test_checking_an_item_clears_its_flag(make_draft: MakeDraft, office_user: User) -> None:
    draft = make_draft()

    draft_edit(draft=draft, by=office_user, ref="2-1", reviewed=True)

    item = draft_parsed(_stored(draft)).chapters[1].items[0]
    assert not item.needs_review


def test_corrections_of_different_items_add_up(make_draft: MakeDraft, office_user: User) -> None:
    draft = make_draft()
    stale = ImportDraft.objects.get(pk=draft.pk)  # a second browser tab, loaded before the first edit

    draft_edit(draft=draft, by=office_user, ref="1-1", title="甲")
    draft_edit(draft=stale, by=office_user, ref="2-1", title="乙")

    assert set(_stored(draft).edits["items"]) == {"1-1", "2-1"}


@pytest.mark.parametrize(
    ("ref", "changes", "message"),
    [
        ("9-1", {"title": "x"}, "no item 9-1"),
        ("1-1", {"title": "  "}, "needs a title"),
        ("1-1", {"lead_units": ["、"]}, "needs a name"),
        ("1-1", {"lead_units": ["区" * 201]}, "longer than 200"),
    ],
)
def test_it_refuses_bad_corrections(
    make_draft: MakeDraft, office_user: User, ref: str, changes: dict[str, object], message: str
) -> None:
    draft = make_draft()

    with pytest.raises(DraftError, match=message):
        draft_edit(draft=draft, by=office_user, ref=ref, **changes)  # type: ignore[arg-type]
    assert _stored(draft).edits == {}


def test_only_the_owner_corrects_a_draft(make_draft: MakeDraft, make_user: MakeUser) -> None:
    draft = make_draft()
    colleague = make_user(Role.OFFICE)

    with pytest.raises(DraftError, match="someone else"):
        draft_edit(draft=draft, by=colleague, ref="1-1", title="x")
    with pytest.raises(DraftError, match="someone else"):
        draft_discard(draft=draft, by=colleague)


def test_it_corrects_the_plans_title(make_draft: MakeDraft, office_user: User) -> None:
    draft = make_draft()

    draft_retitle(draft=draft, by=office_user, title="新的方案标题")

    assert draft_parsed(_stored(draft)).title == "新的方案标题"
    with pytest.raises(DraftError):
        draft_retitle(draft=draft, by=office_user, title=" ")


def test_it_merges_a_parsed_name_with_a_registry_unit(make_draft: MakeDraft, office_user: User) -> None:
    registry = Unit.objects.create(name="区发展和改革局")
    draft = make_draft()

    draft_merge_unit(draft=draft, by=office_user, name="区发改局", into=registry)

    assert _stored(draft).edits["units"] == {"区发改局": registry.pk}
    draft_merge_unit(draft=draft, by=office_user, name="区发改局", into=None)
    assert _stored(draft).edits["units"] == {}


def test_it_refuses_to_merge_a_name_the_plan_does_not_print(make_draft: MakeDraft, office_user: User) -> None:
    registry = Unit.objects.create(name="区发展和改革局")
    draft = make_draft()

    with pytest.raises(DraftError, match="no unit"):
        draft_merge_unit(draft=draft, by=office_user, name="区外事办", into=registry)


def test_discarding_deletes_the_draft_and_nothing_else(make_draft: MakeDraft, office_user: User) -> None:
    draft = make_draft()

    draft_discard(draft=draft, by=office_user)

    assert not ImportDraft.objects.exists()
    assert not Plan.objects.exists()


def test_a_discarded_draft_cannot_be_corrected(make_draft: MakeDraft, office_user: User) -> None:
    draft = make_draft()
    draft_discard(draft=draft, by=office_user)

    with pytest.raises(DraftError, match="confirmed or discarded"):
        draft_edit(draft=draft, by=office_user, ref="1-1", title="x")


def test_unit_names_are_split_on_chinese_and_ascii_separators() -> None:
    assert split_unit_names("区发改局、区财政局，区民政局;区 文明办\n区发改局") == [
        "区发改局",
        "区财政局",
        "区民政局",
        "区文明办",
    ]
    assert split_unit_names("  ") == []


@pytest.mark.parametrize("role", [Role.LEADER, Role.SUPERVISION, Role.UNIT_LEAD, Role.CLERK, Role.COUNIT])
def test_only_the_coordinating_office_uses_the_services(
    make_draft: MakeDraft, make_user: MakeUser, role: str
) -> None:
    from django.core.exceptions import PermissionDenied

    from reformtrack.imports.services import draft_confirm, draft_create

    draft = make_draft()
    user = make_user(role, "区经济促进局")

    with pytest.raises(PermissionDenied):
        draft_create(owner=user, filename="plan.txt", content=b"other bytes")
    for call in (
        lambda: draft_edit(draft=draft, by=user, ref="1-1", title="x"),
        lambda: draft_retitle(draft=draft, by=user, title="x"),
        lambda: draft_merge_unit(draft=draft, by=user, name="区发改局", into=None),
        lambda: draft_discard(draft=draft, by=user),
        lambda: draft_confirm(draft=draft, by=user),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert _stored(draft).edits == {}
    assert not Plan.objects.exists()


def test_it_puts_corrected_titles_with_control_characters_on_one_line(
    make_draft: MakeDraft, office_user: User
) -> None:
    draft = make_draft()

    draft_retitle(draft=draft, by=office_user, title="新的\x00方案\x1b标题")
    draft_edit(draft=draft, by=office_user, ref="1-1", title="A\r\n\x7fB", targets=["打造\x002个\r集聚区"])

    stored = _stored(draft)
    assert stored.edits["plan"] == {"title": "新的 方案 标题"}
    assert stored.edits["items"]["1-1"]["title"] == "A B"
    assert stored.edits["items"]["1-1"]["targets"] == ["打造 2个 集聚区"]
