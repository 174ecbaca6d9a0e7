"""The unit page's registry tools: merge with its confirmation, rename, aliases; who may use them;
what they cost in queries."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reformtrack.ledger.models import Plan, ProjectUnit, Unit, UnitAlias
from reformtrack.ledger.services import unit_alias_add, unit_merge

pytestmark = pytest.mark.django_db


@pytest.fixture
def twins(store_plan: Callable[..., Plan]) -> tuple[Unit, Unit]:
    store_plan(b"a", chapters=1, projects=2, lead_units=("区发展和改革局",), co_units=("区财政局",))
    store_plan(b"b", chapters=1, projects=1, lead_units=("区发改局",), co_units=())
    return Unit.objects.get(name="区发展和改革局"), Unit.objects.get(name="区发改局")


def _merge_url(unit: Unit) -> str:
    return reverse("ledger:unit_merge", args=[unit.pk])


def test_the_office_merges_through_the_confirmation(
    twins: tuple[Unit, Unit], client: Client, office_user: User, make_user: Callable[..., User]
) -> None:
    source, into = twins
    make_user("clerk", source)
    client.force_login(office_user)

    choice = client.get(_merge_url(source))
    confirm = client.get(_merge_url(source), {"into": into.pk})
    merged = client.post(
        _merge_url(source),
        {
            "into": into.pk,
            "source_version": source.version,
            "into_version": into.version,
            "note": "一个单位登记两次",
        },
    )

    assert source not in choice.context["choice"].fields["into"].queryset  # never into itself
    preview = confirm.context["preview"]
    assert (preview.projects, preview.people, preview.aliases) == (2, 1, 1)
    page = confirm.content.decode()
    assert 'data-testid="move-projects"' in page and "进展报告" not in page  # no reports to move
    assert merged.status_code == 302
    assert merged["Location"] == reverse("ledger:unit_detail", args=[into.pk])
    assert ProjectUnit.objects.filter(unit=into).count() == 3
    archived = client.get(reverse("ledger:unit_detail", args=[source.pk]))
    assert "已并入" in archived.content.decode()
    assert (
        "一个单位登记两次" in Unit.history.filter(id=source.pk).latest("history_date").history_change_reason
    )


def test_a_stale_confirmation_is_refused_with_a_message_and_the_new_counts(
    twins: tuple[Unit, Unit], client: Client, office_user: User
) -> None:
    source, into = twins
    client.force_login(office_user)
    shown = (source.version, into.version)
    unit_alias_add(unit=into, by=office_user, name="发改")  # someone, meanwhile

    response = client.post(
        _merge_url(source),
        {"into": into.pk, "source_version": shown[0], "into_version": shown[1], "note": "理由"},
    )

    assert response.status_code == 409
    assert "已有变动" in response.context["error"]
    assert response.context["form"]["note"].value() == "理由"  # typed text survives
    assert response.context["form"]["into_version"].value() == into.version + 1
    assert Unit.objects.get(pk=source.pk).archived_at is None


@pytest.mark.parametrize("case", ["itself", "archived"])
def test_a_merge_that_cannot_be_made_offers_no_button(
    twins: tuple[Unit, Unit], client: Client, office_user: User, case: str
) -> None:
    source, into = twins
    client.force_login(office_user)
    target = source
    if case == "archived":
        other = Unit.objects.get(name="区财政局")
        unit_merge(source=other, into=into, by=office_user)
        target = other

    response = client.get(_merge_url(source), {"into": target.pk})

    assert response.status_code == 409
    assert ("不能合并到自身" if case == "itself" else "已归档") in response.context["error"]
    assert response.context["form"] is None


def test_rename_and_aliases_from_the_page(
    twins: tuple[Unit, Unit], client: Client, office_user: User
) -> None:
    _, unit = twins
    client.force_login(office_user)

    added = client.post(reverse("ledger:unit_alias_add", args=[unit.pk]), {"alias-name": "发改"})
    refused = client.post(reverse("ledger:unit_alias_add", args=[unit.pk]), {"alias-name": "区发展和改革局"})
    unit.refresh_from_db()
    renamed = client.post(
        reverse("ledger:unit_rename", args=[unit.pk]),
        {"rename-name": "区发展改革局", "rename-version": unit.version},
    )
    alias = UnitAlias.objects.get(name="发改")
    removed = client.post(reverse("ledger:unit_alias_remove", args=[unit.pk, alias.pk]))

    assert added.status_code == renamed.status_code == removed.status_code == 302
    assert refused.status_code == 400
    assert "是另一个单位的名称" in refused.content.decode()
    assert refused.context["alias_form"]["name"].value() == "区发展和改革局"  # typed text survives
    assert Unit.objects.get(pk=unit.pk).name == "区发展改革局"
    assert list(UnitAlias.objects.filter(unit=unit).values_list("name", flat=True)) == ["区发改局"]


def test_searching_by_an_old_name_finds_the_kept_unit(
    twins: tuple[Unit, Unit], client: Client, office_user: User
) -> None:
    source, into = twins
    unit_merge(source=source, into=into, by=office_user)
    client.force_login(office_user)

    found = client.get(reverse("ledger:unit_list"), {"q": "发展和改革"})

    assert [unit.name for unit in found.context["page"].object_list] == ["区发改局"]


@pytest.mark.parametrize("role", ["clerk", "unit_lead", "leader", "supervision"])
def test_no_one_but_the_office_may_use_the_tools(
    twins: tuple[Unit, Unit], client: Client, make_user: Callable[..., User], role: str
) -> None:
    source, into = twins
    user = make_user(role, into if role in {"clerk", "unit_lead"} else None)
    alias = UnitAlias.objects.create(unit=into, name="发改")
    client.force_login(user)
    versions = {"source_version": into.version, "into_version": source.version}

    answers = [
        client.get(_merge_url(into)).status_code,
        client.get(_merge_url(into), {"into": source.pk}).status_code,
        client.post(_merge_url(into), {"into": source.pk, **versions}).status_code,
        client.post(
            reverse("ledger:unit_rename", args=[into.pk]), {"rename-name": "新名", "rename-version": 1}
        ).status_code,
        client.post(reverse("ledger:unit_alias_add", args=[into.pk]), {"alias-name": "新别名"}).status_code,
        client.post(reverse("ledger:unit_alias_remove", args=[into.pk, alias.pk])).status_code,
    ]
    page = client.get(reverse("ledger:unit_detail", args=[into.pk])).content.decode()

    assert answers == [403] * 6
    assert 'data-testid="unit-registry"' not in page
    assert Unit.objects.get(pk=into.pk).name == "区发改局"
    assert UnitAlias.objects.filter(pk=alias.pk).exists()
    assert Unit.objects.get(pk=source.pk).archived_at is None


def test_a_unit_a_clerk_cannot_see_is_a_404(
    twins: tuple[Unit, Unit], client: Client, outsider_clerk: User
) -> None:
    _, into = twins
    client.force_login(outsider_clerk)

    assert client.get(_merge_url(into)).status_code == 404
    assert (
        client.post(reverse("ledger:unit_alias_add", args=[into.pk]), {"alias-name": "x"}).status_code == 404
    )


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_unit_page_costs_the_same_for_more_aliases_projects_and_merged_units(
    store_plan: Callable[..., Plan], client: Client, office_user: User
) -> None:
    store_plan(b"a", chapters=1, projects=1, lead_units=("区发改局",), co_units=())
    unit = Unit.objects.get(name="区发改局")
    client.force_login(office_user)
    page = reverse("ledger:unit_detail", args=[unit.pk])
    merge = _merge_url(unit) + f"?into={Unit.objects.create(name='区发展改革局').pk}"
    small = _queries(client, page), _queries(client, merge)

    store_plan(b"b", chapters=3, projects=8, lead_units=("区发改局",), co_units=("区财政局",))
    for n in range(10):
        UnitAlias.objects.create(unit=unit, name=f"发改别名{n}")
        unit_merge(source=Unit.objects.create(name=f"发改旧名{n}"), into=unit, by=office_user)
    unit.refresh_from_db()

    assert (_queries(client, page), _queries(client, merge)) == small


def test_an_archived_unit_keeps_its_names(
    twins: tuple[Unit, Unit], client: Client, office_user: User
) -> None:
    source, into = twins
    unit_merge(source=source, into=into, by=office_user)
    client.force_login(office_user)

    answers = [
        client.post(
            reverse("ledger:unit_rename", args=[source.pk]), {"rename-name": "新名", "rename-version": 2}
        ),
        client.post(reverse("ledger:unit_alias_add", args=[source.pk]), {"alias-name": "新别名"}),
        client.get(_merge_url(source)),
    ]
    page = client.get(reverse("ledger:unit_detail", args=[source.pk])).content.decode()

    assert [answer.status_code for answer in answers] == [302] * 3
    assert "已并入另一单位" in page  # the message, on the page it comes back to
    assert 'data-testid="unit-registry"' not in page
    assert Unit.objects.get(pk=source.pk).name == "区发展和改革局"
    assert not UnitAlias.objects.filter(name="新别名").exists()
