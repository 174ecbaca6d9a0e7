"""unit_merge: one unit registered twice becomes one; every link moves, the old name stays an alias."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied

from reformtrack.accounts.models import Profile
from reformtrack.ledger.choices import UnitKind, UnitRole
from reformtrack.ledger.errors import LedgerError
from reformtrack.ledger.models import MeasureUnit, Plan, ProjectUnit, Unit, UnitAlias
from reformtrack.ledger.services import unit_merge, units_resolve

pytestmark = pytest.mark.django_db


@pytest.fixture
def twins(store_plan: Callable[..., Plan]) -> tuple[Unit, Unit]:
    # the first plan prints 区发展和改革局, the second 区发改局: two units for one body
    store_plan(b"a", chapters=1, projects=2, lead_units=("区发展和改革局",), co_units=("区财政局",))
    store_plan(
        b"b", chapters=1, projects=1, lead_units=("区发改局", "区财政局"), co_units=("区发展和改革局",)
    )
    return Unit.objects.get(name="区发展和改革局"), Unit.objects.get(name="区发改局")


def test_it_moves_every_link_and_keeps_the_name_as_alias(
    twins: tuple[Unit, Unit], office_user: User, make_user: Callable[..., User]
) -> None:
    source, into = twins
    UnitAlias.objects.create(unit=source, name="发展改革局")
    clerk = make_user("clerk", source)
    source.reform_lead = clerk
    source.save()
    collective = Unit.objects.create(name="各成员单位", kind=UnitKind.COLLECTIVE)
    collective.members.add(source)
    links_before = ProjectUnit.objects.filter(unit__in=twins).count()
    source_id = source.pk

    unit_merge(source=source, into=into, by=office_user)

    archived = Unit.objects.get(pk=source_id)  # kept, archived, pointing at the survivor
    assert archived.archived_at is not None
    assert archived.merged_into == into
    assert archived.reform_lead is None
    assert not archived.members.exists()
    assert not archived.collectives.exists()
    assert set(UnitAlias.objects.filter(unit=into).values_list("name", flat=True)) == {
        "区发展和改革局",
        "发展改革局",
    }
    assert Profile.objects.get(user=clerk).unit == into
    assert Unit.objects.get(pk=into.pk).reform_lead == clerk
    assert list(collective.members.all()) == [into]
    # plan b had both as units of its project (lead and co): both links stay, as lead and co
    assert ProjectUnit.objects.filter(unit=into).count() == links_before
    assert not MeasureUnit.objects.filter(unit_id=source_id).exists()
    assert units_resolve(["区发展和改革局"]) == {"区发展和改革局": into}


def test_a_link_both_units_had_is_kept_once(store_plan: Callable[..., Plan], office_user: User) -> None:
    plan = store_plan(
        chapters=1, projects=1, children=0, lead_units=("区发改局", "区发展和改革局"), co_units=()
    )
    source, into = Unit.objects.get(name="区发展和改革局"), Unit.objects.get(name="区发改局")

    unit_merge(source=source, into=into, by=office_user)

    links = ProjectUnit.objects.filter(project__plan=plan)
    assert [(link.unit, link.role) for link in links] == [(into, UnitRole.LEAD)]


def test_it_records_who_merged(twins: tuple[Unit, Unit], office_user: User) -> None:
    source, into = twins
    source_id = source.pk

    unit_merge(source=source, into=into, by=office_user)

    archived = Unit.history.filter(id=source_id).latest("history_date")
    assert archived.history_type == "~"
    assert archived.history_user == office_user
    assert "区发改局" in archived.history_change_reason
    alias = UnitAlias.history.get(name="区发展和改革局")
    assert (alias.history_type, alias.history_user) == ("+", office_user)


def test_only_the_office_merges_and_never_a_unit_into_itself(
    twins: tuple[Unit, Unit], office_user: User, clerk_user: User
) -> None:
    source, into = twins

    with pytest.raises(PermissionDenied):
        unit_merge(source=source, into=into, by=clerk_user)
    with pytest.raises(LedgerError):
        unit_merge(source=into, into=into, by=office_user)
