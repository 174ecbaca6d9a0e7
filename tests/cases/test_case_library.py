"""The library page: search (Chinese substrings), filters, sorting, pages, a constant number of
queries whatever the number of cases, and the published selector the public portal will read."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reformtrack.cases.choices import CaseStatus
from reformtrack.cases.models import Case
from reformtrack.cases.selectors import LibraryFilters, case_library, published_cases
from reformtrack.cases.services import case_approve, case_archive, case_publish, case_submit

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.test import Client

    from .conftest import MakeCase


def _approve(case: Case, clerk: User, office: User) -> Case:
    case = case_submit(case=case, by=clerk, version=case.version)
    return case_approve(case=case, by=office, version=case.version)


def _titles(response: object) -> list[str]:
    return [case.title for case in response.context["page"].object_list]  # type: ignore[attr-defined]


def test_search_finds_chinese_words_in_the_title_and_the_texts(
    make_case: MakeCase, client: Client, office_user: User
) -> None:
    make_case(title="网商集聚区建设", actions="发展跨境电商")
    make_case(title="商事登记制度改革", lessons="一网通办，群众少跑腿")
    make_case(title="社区治理", background="居民议事会")
    client.force_login(office_user)

    assert _titles(client.get(reverse("cases:case_list"), {"q": "跨境电商"})) == ["网商集聚区建设"]
    assert _titles(client.get(reverse("cases:case_list"), {"q": "少跑腿"})) == ["商事登记制度改革"]
    assert set(_titles(client.get(reverse("cases:case_list"), {"q": "改革"}))) == {"商事登记制度改革"}
    assert _titles(client.get(reverse("cases:case_list"), {"q": "议事 社区"})) == ["社区治理"]
    assert _titles(client.get(reverse("cases:case_list"), {"q": "没有的词"})) == []


def test_filters_and_sorting(make_case: MakeCase, clerk_user: User, office_user: User) -> None:
    first = _approve(make_case(title="2号案例"), clerk_user, office_user)
    case_publish(case=first, by=office_user, version=first.version)
    second = _approve(make_case(title="1号案例"), clerk_user, office_user)
    make_case(title="3号草稿")
    unit_id, chapter_id = first.unit_id, first.project.chapter_id

    def titles(**filters: object) -> list[str]:
        return [case.title for case in case_library(office_user, LibraryFilters(**filters))]  # type: ignore[arg-type]

    assert titles(status=CaseStatus.APPROVED, sort="title") == sorted(["2号案例", "1号案例"])
    assert titles(published=True) == ["2号案例"]
    assert titles(published=False, sort="approved") == [second.title, "3号草稿"]  # a draft last
    assert len(titles(unit=unit_id, chapter=chapter_id)) == 3
    assert titles(unit=unit_id + 999) == []
    assert len(titles(year=first.created_at.year)) == 3
    assert titles(year=1999) == []
    assert titles(sort="title") == sorted(["2号案例", "1号案例", "3号草稿"])


def test_a_leader_reads_approved_cases_only_and_the_pages_run_20_a_page(
    make_case: MakeCase, client: Client, clerk_user: User, office_user: User, leader_user: User
) -> None:
    for n in range(21):
        _approve(make_case(title=f"案例{n:02d}"), clerk_user, office_user)
    make_case(title="草稿不给领导看")
    client.force_login(leader_user)

    first = client.get(reverse("cases:case_list"), {"sort": "title"})
    second = client.get(reverse("cases:case_list"), {"sort": "title", "page": "2"})

    assert len(_titles(first)) == 20 and _titles(second) == ["案例20"]
    assert "草稿不给领导看" not in _titles(first) + _titles(second)


def _queries(client: Client, user: User) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("cases:case_list"), {"q": "案例"})
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("role", ["office_user", "clerk_user", "leader_user"])
def test_the_library_takes_as_many_queries_for_3_cases_as_for_15(
    role: str,
    make_case: MakeCase,
    client: Client,
    clerk_user: User,
    office_user: User,
    request: pytest.FixtureRequest,
) -> None:
    from reformtrack.ledger.models import Project

    user = request.getfixturevalue(role)
    others = list(Project.objects.order_by("position")[1:])

    def add(count: int) -> None:
        for n in range(count):
            case = make_case(title=f"案例{n}", other_projects=others)
            if n % 2:
                _approve(case, clerk_user, office_user)

    add(3)
    small = _queries(client, user)
    add(12)
    large = _queries(client, user)

    assert small == large


def test_published_cases_are_approved_marked_and_not_archived(
    make_case: MakeCase, clerk_user: User, office_user: User
) -> None:
    shown = _approve(make_case(title="公开的案例"), clerk_user, office_user)
    shown = case_publish(case=shown, by=office_user, version=shown.version)
    withdrawn = _approve(make_case(title="撤下的案例"), clerk_user, office_user)
    withdrawn = case_publish(case=withdrawn, by=office_user, version=withdrawn.version)
    case_archive(case=withdrawn, by=office_user, version=withdrawn.version)
    _approve(make_case(title="未标记的案例"), clerk_user, office_user)
    make_case(title="草稿")

    assert [case.title for case in published_cases()] == ["公开的案例"]


def test_the_project_page_offers_the_lead_unit_to_write_a_case(
    make_case: MakeCase, client: Client, clerk_user: User, counit_user: User, office_user: User
) -> None:
    from reformtrack.ledger.models import Project

    project = Project.objects.order_by("position").first()
    assert project is not None
    url = reverse("web:project_detail", args=[project.pk])
    link = reverse("cases:case_create", args=[project.pk])

    for user, offered in ((clerk_user, True), (counit_user, False), (office_user, False)):
        client.force_login(user)
        assert (link in client.get(url).content.decode()) is offered, user
