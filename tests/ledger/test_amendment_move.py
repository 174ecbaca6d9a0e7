"""Plan amendments that move a project to another chapter, split one with its measures, and refuse a
change of a measure, target or chapter started from a state someone has changed since."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User

from reformtrack.ledger.errors import AmendmentRefused, ConcurrentEdit
from reformtrack.ledger.models import Amendment, Chapter, Plan, Project
from reformtrack.ledger.services_amend import (
    amendment_open,
    amendment_revert,
    chapter_change,
    measure_change,
    project_change,
    project_split,
    target_change,
)
from reformtrack.ledger.services_amend_core import state_token

pytestmark = pytest.mark.django_db

DAY = dt.date(2014, 3, 1)


@pytest.fixture
def plan(store_plan: Callable[..., Plan]) -> Plan:
    return store_plan(chapters=2, projects=2, children=1)


@pytest.fixture
def amendment(plan: Plan, office_user: User) -> Amendment:
    return amendment_open(plan=plan, by=office_user, title="中期调整", reason="区委决定", decided_on=DAY)


def order(plan: Plan) -> list[tuple[str, int]]:
    rows = Project.all_objects.filter(plan=plan).order_by("position")
    return [(p.title, p.chapter.number) for p in rows.select_related("chapter")]


def test_a_project_moves_to_another_chapter_with_its_sub_projects_and_back(
    plan: Plan, office_user: User, amendment: Amendment
) -> None:
    before = order(plan)
    project = Project.objects.get(plan=plan, title="项目1-1")
    second = Chapter.objects.get(plan=plan, number=2)

    project_change(amendment=amendment, by=office_user, project=project, chapter=second, reason="归口调整")

    assert order(plan) == [
        ("项目1-2", 1),
        ("子项1-2-1", 1),
        ("项目2-1", 2),
        ("子项2-1-1", 2),
        ("项目2-2", 2),
        ("子项2-2-1", 2),
        ("项目1-1", 2),
        ("子项1-1-1", 2),
    ]
    assert project.number == 3 and project.version == 2
    change = amendment.changes.get()
    assert change.before["chapter"] == project.history.earliest().chapter_id
    assert change.after["chapter"] == second.pk and change.after["number"] == 3
    child = Project.objects.get(title="子项1-1-1")
    assert child.history.latest().history_change_reason == "归口调整"

    amendment_revert(amendment=amendment, by=office_user, reason="撤回", decided_on=DAY)

    assert order(plan) == before
    project.refresh_from_db()
    assert project.number == 1


def test_a_move_is_refused_for_a_sub_project_and_another_plans_chapter(
    plan: Plan, office_user: User, amendment: Amendment, store_plan: Callable[..., Plan]
) -> None:
    child = Project.objects.get(plan=plan, title="子项1-1-1")
    second = Chapter.objects.get(plan=plan, number=2)
    with pytest.raises(AmendmentRefused):
        project_change(amendment=amendment, by=office_user, project=child, chapter=second)
    foreign = store_plan(b"other").chapters.first()
    project = Project.objects.get(plan=plan, title="项目1-1")
    with pytest.raises(AmendmentRefused):
        project_change(amendment=amendment, by=office_user, project=project, chapter=foreign)
    assert not amendment.changes.exists()
    project.refresh_from_db()
    assert project.chapter.number == 1


def test_a_move_is_version_checked(plan: Plan, office_user: User, amendment: Amendment) -> None:
    project = Project.objects.get(plan=plan, title="项目1-1")
    second = Chapter.objects.get(plan=plan, number=2)
    before = order(plan)
    with pytest.raises(ConcurrentEdit):
        project_change(
            amendment=amendment,
            by=office_user,
            project=project,
            chapter=second,
            expected_version=project.version - 1 if project.version > 1 else 99,
        )
    assert order(plan) == before


def test_a_split_carries_the_measures_the_office_gives_each_new_project(
    plan: Plan, office_user: User, amendment: Amendment
) -> None:
    project = Project.objects.get(plan=plan, title="项目1-2")
    first, second = project.measures.order_by("position")
    new = project_split(
        amendment=amendment,
        by=office_user,
        project=project,
        titles=["甲", "乙"],
        reason="拆分",
        measures={second.pk: 0},
    )
    assert list(new[0].measures.values_list("text", flat=True)) == [second.text]
    assert not new[1].measures.exists()
    assert Project.all_objects.get(pk=project.pk).archived_at is not None
    with pytest.raises(AmendmentRefused):
        project_split(
            amendment=amendment,
            by=office_user,
            project=new[1],
            titles=["丙", "丁"],
            reason="拆分",
            measures={first.pk: 2},
        )


def test_a_change_started_from_an_older_state_is_refused(
    plan: Plan, office_user: User, amendment: Amendment
) -> None:
    project = Project.objects.get(plan=plan, title="项目1-2")
    measure = project.measures.order_by("position").first()
    target = project.targets.first()
    chapter = project.chapter
    assert measure is not None and target is not None
    tokens = [state_token(measure), state_token(target), state_token(chapter)]
    measure_change(amendment=amendment, by=office_user, measure=measure, text="先改的举措")
    target_change(amendment=amendment, by=office_user, target=target, text="先改的指标")
    chapter_change(amendment=amendment, by=office_user, chapter=chapter, title="先改的章")
    with pytest.raises(AmendmentRefused, match="先改的举措"):
        measure_change(
            amendment=amendment, by=office_user, measure=measure, text="后改", expected_state=tokens[0]
        )
    with pytest.raises(AmendmentRefused):
        target_change(
            amendment=amendment, by=office_user, target=target, text="后改", expected_state=tokens[1]
        )
    with pytest.raises(AmendmentRefused):
        chapter_change(
            amendment=amendment, by=office_user, chapter=chapter, title="后改", expected_state=tokens[2]
        )
    assert amendment.changes.count() == 3
    measure_change(
        amendment=amendment,
        by=office_user,
        measure=measure,
        text="后改",
        expected_state=state_token(measure),
    )
    measure.refresh_from_db()
    assert measure.text == "后改"


def test_a_project_is_not_merged_into_its_own_sub_project(
    plan: Plan, office_user: User, amendment: Amendment
) -> None:
    from reformtrack.ledger.services_amend import project_merge

    parent = Project.objects.get(plan=plan, title="项目1-1")
    child = Project.objects.get(plan=plan, title="子项1-1-1")
    with pytest.raises(AmendmentRefused):
        project_merge(amendment=amendment, by=office_user, projects=[parent], into=child, reason="合并")
    assert not amendment.changes.exists()
