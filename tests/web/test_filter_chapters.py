"""The chapter filter offers one plan's chapters: the chosen plan's, the chosen chapter's, the only one's."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.forms import ModelChoiceField

from reformtrack.ledger.filtersets import ProjectFilterSet
from reformtrack.ledger.models import Chapter, Plan, Project

pytestmark = pytest.mark.django_db


def offered(user: User, data: dict[str, str] | None = None) -> set[int]:
    filterset = ProjectFilterSet(data, queryset=Project.objects.all(), user=user)
    field = filterset.form.fields["chapter"]
    assert isinstance(field, ModelChoiceField)
    return {int(str(value)) for value, _label in field.iterator(field) if value}


def chapters_of(plan: Plan) -> set[int]:
    return set(Chapter.objects.filter(plan=plan).values_list("pk", flat=True))


def test_one_plan_offers_all_its_chapters(web_plan: Plan, office_user: User) -> None:
    assert offered(office_user) == chapters_of(web_plan) != set()


def test_with_several_plans_the_chosen_plan_decides(
    web_plan: Plan, other_plan: Plan, office_user: User
) -> None:
    assert offered(office_user) == set()
    assert offered(office_user, {"plan": str(other_plan.pk)}) == chapters_of(other_plan)

    chapter = Chapter.objects.filter(plan=web_plan).first()
    assert chapter is not None
    assert offered(office_user, {"chapter": str(chapter.pk)}) == chapters_of(web_plan)


def test_a_chapter_chosen_without_its_plan_still_filters(
    web_plan: Plan, other_plan: Plan, office_user: User
) -> None:
    chapter = Chapter.objects.filter(plan=web_plan).order_by("position").last()
    assert chapter is not None

    filterset = ProjectFilterSet(
        {"chapter": str(chapter.pk)}, queryset=Project.objects.all(), user=office_user
    )

    assert filterset.is_valid(), filterset.errors
    assert set(filterset.qs.values_list("pk", flat=True)) == set(
        chapter.projects.values_list("pk", flat=True)
    )
