"""With a plan chosen, the library's unit, leader and tag filters offer that plan's values only."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.forms import ModelChoiceField

from reformtrack.ledger.filtersets import ProjectFilterSet
from reformtrack.ledger.models import Plan, Project, ProjectTag, ProjectUnit, Tag, Unit

from .conftest import CLERK_UNIT, COUNIT_UNIT

pytestmark = pytest.mark.django_db


def offered(user: User, name: str, data: dict[str, str] | None = None) -> set[int]:
    filterset = ProjectFilterSet(data, queryset=Project.objects.all(), user=user)
    field = filterset.form.fields[name]
    assert isinstance(field, ModelChoiceField)
    return {int(str(value)) for value, _label in field.iterator(field) if value}


def units_on(plan: Plan) -> set[int]:
    return set(ProjectUnit.objects.filter(project__plan=plan).values_list("unit_id", flat=True))


@pytest.fixture
def tagged(web_plan: Plan, other_plan: Plan, office_user: User, leader_user: User) -> tuple[Tag, Tag]:
    ours, theirs = Tag.objects.create(name="营商环境"), Tag.objects.create(name="民生")
    first, other = web_plan.projects.earliest("pk"), other_plan.projects.earliest("pk")
    ProjectTag.objects.create(project=first, tag=ours)
    ProjectTag.objects.create(project=other, tag=theirs)
    other_plan.projects.filter(pk=other.pk).update(leader=leader_user)
    return ours, theirs


def test_without_a_plan_every_value_is_offered(
    web_plan: Plan, other_plan: Plan, office_user: User, tagged: tuple[Tag, Tag]
) -> None:
    assert units_on(web_plan) | units_on(other_plan) <= offered(office_user, "unit")
    assert offered(office_user, "tag") == {tag.pk for tag in tagged}


def test_a_chosen_plan_offers_its_units_leaders_and_tags(
    web_plan: Plan, other_plan: Plan, office_user: User, leader_user: User, tagged: tuple[Tag, Tag]
) -> None:
    ours, theirs = tagged
    chosen = {"plan": str(web_plan.pk)}

    units = offered(office_user, "unit", chosen)
    assert units == units_on(web_plan)
    assert set(Unit.objects.filter(name__in=[CLERK_UNIT, COUNIT_UNIT]).values_list("pk", flat=True)) <= units
    assert Unit.objects.get(name="区发改局").pk not in units  # other_plan's alone
    assert offered(office_user, "tag", chosen) == {ours.pk}
    assert offered(office_user, "leader", chosen) == set()
    assert offered(office_user, "leader", {"plan": str(other_plan.pk)}) == {leader_user.pk}
    assert offered(office_user, "tag", {"plan": str(other_plan.pk)}) == {theirs.pk}


def test_a_value_chosen_before_the_plan_changed_stays_offered(
    web_plan: Plan, other_plan: Plan, office_user: User, tagged: tuple[Tag, Tag]
) -> None:
    _ours, theirs = tagged
    filterset = ProjectFilterSet(
        {"plan": str(web_plan.pk), "tag": str(theirs.pk)}, queryset=Project.objects.all(), user=office_user
    )

    assert filterset.is_valid(), filterset.errors
    assert list(filterset.qs) == []


def test_the_long_selects_are_searchable(office_user: User, web_plan: Plan) -> None:
    form = ProjectFilterSet(None, queryset=Project.objects.all(), user=office_user).form
    page = str(form)
    for name in ("plan", "unit", "leader"):
        assert "data-searchable" in form.fields[name].widget.attrs, name
    assert "data-searchable" not in form.fields["status"].widget.attrs
    assert page.count("data-searchable") == 3
