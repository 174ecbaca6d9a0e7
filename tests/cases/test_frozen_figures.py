"""A case's figures follow the ledger until the office approves it, and stay as they were after."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from reformtrack.cases.figures import figures_of, live_figures
from reformtrack.cases.services import case_approve, case_submit
from reformtrack.ledger.models import TargetValue

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from reformtrack.ledger.models import Project

    from .conftest import MakeCase


def _value(project: Project, value: str, day: dt.date) -> TargetValue:
    return TargetValue.objects.create(target=project.targets.get(), date=day, value=Decimal(value))


def test_a_draft_follows_the_ledger_and_an_approved_case_keeps_its_figures(
    make_case: MakeCase, project: Project, clerk_user: User, office_user: User
) -> None:
    case = make_case()
    assert [(f.text, f.value) for f in figures_of([case])[case.pk]] == [("打造2至3个网商集聚区", None)]
    first = _value(project, "1", dt.date(2014, 3, 31))
    before = figures_of([case])[case.pk][0]
    assert (before.value, before.value_date) == (Decimal("1"), dt.date(2014, 3, 31))
    first.value = Decimal("2")
    first.save()
    following = figures_of([case])[case.pk][0]
    assert following.value == Decimal("2")  # before approval it follows the ledger

    case = case_submit(case=case, by=clerk_user, version=case.version)
    case = case_approve(case=case, by=office_user, version=case.version)
    frozen = figures_of([case])[case.pk][0]
    first.value = Decimal("3")
    first.save()
    _value(project, "5", dt.date(2015, 6, 30))
    target = project.targets.get()
    target.text = "打造5个网商集聚区"
    target.save()

    after = figures_of([case])[case.pk][0]
    assert after == frozen
    assert (after.text, after.value, after.value_date) == (
        "打造2至3个网商集聚区",
        Decimal("2"),
        dt.date(2014, 3, 31),
    )
    assert after.achievement == following.achievement
    assert live_figures(case)[0].value == Decimal("5")  # the ledger itself moved on


def test_the_figures_of_many_cases_take_two_queries(
    make_case: MakeCase,
    project: Project,
    clerk_user: User,
    office_user: User,
    django_assert_num_queries: object,
) -> None:
    from reformtrack.cases.models import Case

    drafts = [make_case(title=f"案例{n}") for n in range(3)]
    approved = case_submit(case=drafts[0], by=clerk_user, version=drafts[0].version)
    case_approve(case=approved, by=office_user, version=approved.version)
    cases = list(Case.objects.prefetch_related("other_projects"))

    with django_assert_num_queries(2):  # type: ignore[operator]
        figures = figures_of(cases)

    assert sorted(figures) == sorted(case.pk for case in cases)
    assert all(len(rows) == 1 for rows in figures.values())
