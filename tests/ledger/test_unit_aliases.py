"""The unit registry's services: rename keeping the old name, aliases with history, the merge's bad
input, and the importer finding a unit by every name it was known by."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.utils import translation

from reformtrack.ledger.errors import LedgerError, UnitChanged
from reformtrack.ledger.models import Plan, ProjectUnit, Unit, UnitAlias
from reformtrack.ledger.selectors_units import unit_merge_preview, units_find
from reformtrack.ledger.services import (
    unit_alias_add,
    unit_alias_remove,
    unit_merge,
    unit_rename,
    units_resolve,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """The messages matched in English (their Chinese is the catalogue's, checked by the pages)."""
    with translation.override("en"):
        yield


@pytest.fixture
def twins(store_plan: Callable[..., Plan]) -> tuple[Unit, Unit]:
    store_plan(b"a", chapters=1, projects=2, lead_units=("区发展和改革局",), co_units=("区财政局",))
    store_plan(b"b", chapters=1, projects=1, lead_units=("区发改局",), co_units=())
    return Unit.objects.get(name="区发展和改革局"), Unit.objects.get(name="区发改局")


def _registry() -> list[tuple[object, ...]]:
    """Everything the registry holds, to show a refused write changed nothing."""
    units: list[tuple[object, ...]] = [
        (unit.name, unit.version, unit.archived_at, unit.merged_into_id)
        for unit in Unit.objects.order_by("pk")
    ]
    aliases = [(alias.name, alias.unit_id) for alias in UnitAlias.objects.order_by("pk")]
    links = [(link.unit_id, link.project_id, link.role) for link in ProjectUnit.objects.order_by("pk")]
    return units + aliases + links


# ---------------------------------------------------------------------------------------------------
# aliases


def test_an_alias_finds_its_unit_on_import_and_is_recorded(
    twins: tuple[Unit, Unit], office_user: User
) -> None:
    _, unit = twins

    alias = unit_alias_add(unit=unit, by=office_user, name=" 区发展改革局；")

    assert alias.name == "区发展改革局"  # stored in normal form
    assert units_resolve(["区发展改革局"]) == {"区发展改革局": unit}
    row = UnitAlias.history.get(name="区发展改革局")
    assert (row.history_type, row.history_user, row.history_change_reason) == (
        "+",
        office_user,
        "alias added",
    )
    assert Unit.objects.get(pk=unit.pk).version == unit.version + 1  # a merge page shown before is stale


def test_a_removed_alias_no_longer_finds_the_unit_and_its_history_stays(
    twins: tuple[Unit, Unit], office_user: User
) -> None:
    _, unit = twins
    alias = unit_alias_add(unit=unit, by=office_user, name="区发展改革局")

    unit_alias_remove(alias=alias, by=office_user)

    assert units_find(["区发展改革局"]) == {}
    assert [
        row.history_type for row in UnitAlias.history.filter(name="区发展改革局").order_by("history_date")
    ] == [
        "+",
        "-",
    ]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("区发展和改革局", "name of another unit"),  # another unit's name
        ("区财改局", "another name of 区财政局"),  # another unit's alias
        ("区发改局", "own name"),
        ("发改", "already another name of this unit"),
        ("  ；", "Enter a name"),
        ("局" * 201, "at most 200"),
    ],
)
def test_an_alias_another_unit_answers_to_is_refused(
    twins: tuple[Unit, Unit], office_user: User, name: str, message: str
) -> None:
    _, unit = twins
    UnitAlias.objects.create(unit=Unit.objects.get(name="区财政局"), name="区财改局")
    UnitAlias.objects.create(unit=unit, name="发改")
    before = _registry()

    with pytest.raises(LedgerError, match=message):
        unit_alias_add(unit=unit, by=office_user, name=name)

    assert _registry() == before


# ---------------------------------------------------------------------------------------------------
# renaming


def test_a_rename_keeps_the_old_name_as_alias(twins: tuple[Unit, Unit], office_user: User) -> None:
    _, unit = twins

    renamed = unit_rename(unit=unit, by=office_user, name="区发展改革局", version=unit.version)

    assert renamed.name == "区发展改革局"
    assert list(renamed.aliases.values_list("name", flat=True)) == ["区发改局"]
    assert units_resolve(["区发改局", "区发展改革局"]) == {"区发改局": renamed, "区发展改革局": renamed}
    last = Unit.history.filter(id=unit.pk).latest("history_date")
    assert (last.name, last.history_user, last.history_change_reason) == (
        "区发展改革局",
        office_user,
        "renamed from 区发改局",
    )


def test_a_rename_to_one_of_its_aliases_swaps_them(twins: tuple[Unit, Unit], office_user: User) -> None:
    _, unit = twins
    unit_alias_add(unit=unit, by=office_user, name="区发展改革局")
    unit.refresh_from_db()

    unit_rename(unit=unit, by=office_user, name="区发展改革局", version=unit.version)

    assert Unit.objects.get(pk=unit.pk).name == "区发展改革局"
    assert list(UnitAlias.objects.filter(unit=unit).values_list("name", flat=True)) == ["区发改局"]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("区发展和改革局", "name of another unit"),
        ("区财改局", "another name of 区财政局"),
        ("区发改局", "same"),
    ],
)
def test_a_rename_to_a_name_taken_is_refused(
    twins: tuple[Unit, Unit], office_user: User, name: str, message: str
) -> None:
    _, unit = twins
    UnitAlias.objects.create(unit=Unit.objects.get(name="区财政局"), name="区财改局")
    before = _registry()

    with pytest.raises(LedgerError, match=message):
        unit_rename(unit=unit, by=office_user, name=name, version=unit.version)

    assert _registry() == before


def test_a_rename_from_a_stale_form_is_refused(twins: tuple[Unit, Unit], office_user: User) -> None:
    _, unit = twins
    shown = unit.version
    unit_alias_add(unit=unit, by=office_user, name="发改")  # someone else, meanwhile
    before = _registry()

    with pytest.raises(UnitChanged):
        unit_rename(unit=unit, by=office_user, name="区发展改革局", version=shown)

    assert _registry() == before


# ---------------------------------------------------------------------------------------------------
# merging


def test_the_preview_counts_what_moves(twins: tuple[Unit, Unit], make_user: Callable[..., User]) -> None:
    source, _ = twins
    make_user("clerk", source)
    make_user("unit_lead", source)
    UnitAlias.objects.create(unit=source, name="发展改革局")

    preview = unit_merge_preview(source)

    assert (preview.projects, preview.people, preview.aliases) == (2, 2, 2)


def test_merged_names_find_the_kept_unit_even_with_the_alias_removed(
    twins: tuple[Unit, Unit], office_user: User
) -> None:
    source, into = twins
    unit_merge(source=source, into=into, by=office_user)
    unit_alias_remove(alias=UnitAlias.objects.get(name="区发展和改革局"), by=office_user)

    # the archived unit's name still leads to the unit it became; no second unit is created
    assert units_resolve(["区发展和改革局"]) == {"区发展和改革局": into}
    assert Unit.objects.filter(name="区发展和改革局").count() == 1


def test_a_chain_of_merges_ends_at_the_live_unit(twins: tuple[Unit, Unit], office_user: User) -> None:
    source, into = twins
    last = Unit.objects.get(name="区财政局")
    unit_merge(source=source, into=into, by=office_user)
    unit_merge(source=into, into=last, by=office_user)

    assert Unit.objects.get(pk=source.pk).merged_into == last  # earlier merges follow
    assert units_find(["区发展和改革局", "区发改局"]) == {"区发展和改革局": last, "区发改局": last}
    assert set(last.aliases.values_list("name", flat=True)) == {"区发展和改革局", "区发改局"}


def test_an_archived_name_may_come_back_as_an_alias_of_its_unit(
    twins: tuple[Unit, Unit], office_user: User
) -> None:
    source, into = twins
    unit_merge(source=source, into=into, by=office_user)
    unit_alias_remove(alias=UnitAlias.objects.get(name="区发展和改革局"), by=office_user)
    into.refresh_from_db()

    unit_alias_add(unit=into, by=office_user, name="区发展和改革局")
    assert units_find(["区发展和改革局"]) == {"区发展和改革局": into}
    unit_alias_remove(alias=UnitAlias.objects.get(name="区发展和改革局"), by=office_user)

    with pytest.raises(LedgerError, match="name of another unit"):  # but not of another unit
        unit_alias_add(unit=Unit.objects.get(name="区财政局"), by=office_user, name="区发展和改革局")


def _bad_merge(kind: str, source: Unit, into: Unit, office: User) -> Callable[[], object]:
    """Set the registry up for one bad merge; the merge itself, to call."""
    other = Unit.objects.get(name="区财政局")
    if kind == "itself":
        return lambda: unit_merge(source=into, into=into, by=office)
    if kind == "into archived":
        unit_merge(source=other, into=source, by=office)
        return lambda: unit_merge(source=into, into=Unit.objects.get(pk=other.pk), by=office)
    if kind == "from archived":
        unit_merge(source=source, into=into, by=office)
        return lambda: unit_merge(source=Unit.objects.get(pk=source.pk), into=other, by=office)
    # stale: the other unit changed after the confirmation page was shown
    shown = (source.version, into.version)
    unit_alias_add(unit=into, by=office, name="发改")
    return lambda: unit_merge(
        source=source, into=into, by=office, source_version=shown[0], into_version=shown[1]
    )


@pytest.mark.parametrize(
    ("kind", "error", "message"),
    [
        ("itself", LedgerError, "into itself"),
        ("into archived", LedgerError, "archived"),
        ("from archived", LedgerError, "already merged"),
        ("stale", UnitChanged, "changed since"),
    ],
)
def test_a_bad_merge_is_refused_and_changes_nothing(
    twins: tuple[Unit, Unit], office_user: User, kind: str, error: type[Exception], message: str
) -> None:
    source, into = twins
    merge = _bad_merge(kind, source, into, office_user)
    before = _registry()
    history = Unit.history.count(), UnitAlias.history.count()

    with pytest.raises(error, match=message):
        merge()

    assert _registry() == before
    assert (Unit.history.count(), UnitAlias.history.count()) == history


@pytest.mark.parametrize("role", ["clerk", "unit_lead", "leader", "supervision", "counit"])
def test_only_the_office_changes_the_registry(
    twins: tuple[Unit, Unit], make_user: Callable[..., User], role: str
) -> None:
    source, into = twins
    user = make_user(role, into if role in {"clerk", "unit_lead", "counit"} else None)
    alias = UnitAlias.objects.create(unit=into, name="发改")
    before = _registry()

    with pytest.raises(PermissionDenied):
        unit_merge(source=source, into=into, by=user)
    with pytest.raises(PermissionDenied):
        unit_rename(unit=into, by=user, name="区发展改革局", version=into.version)
    with pytest.raises(PermissionDenied):
        unit_alias_add(unit=into, by=user, name="区发展改革局")
    with pytest.raises(PermissionDenied):
        unit_alias_remove(alias=alias, by=user)

    assert _registry() == before


@pytest.mark.django_db(transaction=True)
def test_two_opposite_merges_at_once_let_one_through(
    store_plan: Callable[..., Plan], office_user: User
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL's row locks")
    store_plan(b"a", chapters=1, projects=2, lead_units=("区发展和改革局",), co_units=())
    store_plan(b"b", chapters=1, projects=1, lead_units=("区发改局",), co_units=())
    first, second = Unit.objects.get(name="区发展和改革局"), Unit.objects.get(name="区发改局")
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def merge(source: Unit, into: Unit) -> None:
        start.wait()
        try:
            unit_merge(source=source, into=into, by=office_user, source_version=1, into_version=1)
            outcomes.append("merged")
        except LedgerError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=merge, args=pair) for pair in ((first, second), (second, first))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["merged", "refused"]
    archived = Unit.objects.filter(archived_at__isnull=False)
    assert archived.count() == 1
    kept = Unit.objects.get(archived_at__isnull=True, name__in=["区发展和改革局", "区发改局"])
    assert ProjectUnit.objects.filter(unit=kept).count() == 3
