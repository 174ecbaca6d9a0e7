"""Plan amendments (方案调整): numbered decisions adding, changing, dropping and reverting ledger objects."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied

from reformtrack.ledger.errors import AmendmentRefused, ConcurrentEdit, LedgerError, NotCoordinatingOffice
from reformtrack.ledger.models import Amendment, Chapter, Measure, Plan, Project, Target, Unit
from reformtrack.ledger.models_amend import ChangeKind
from reformtrack.ledger.selectors import plan_ledger
from reformtrack.ledger.services_amend import (
    amendment_open,
    amendment_revert,
    chapter_add,
    chapter_change,
    chapter_drop,
    measure_add,
    measure_change,
    measure_drop,
    project_add,
    project_change,
    project_drop,
    project_merge,
    project_split,
    target_add,
    target_change,
    target_drop,
)

pytestmark = pytest.mark.django_db

DAY = dt.date(2014, 3, 1)


@pytest.fixture
def plan(store_plan: Callable[..., Plan]) -> Plan:
    return store_plan(chapters=2, projects=2, children=1)


@pytest.fixture
def amendment(plan: Plan, office_user: User) -> Amendment:
    return amendment_open(
        plan=plan, by=office_user, title="中期调整", reason="区委常委会决定", decided_on=DAY
    )


def unit(name: str) -> Unit:
    return Unit.objects.get_or_create(name=name)[0]


def titles(plan: Plan) -> list[str]:
    return list(Project.objects.filter(plan=plan).order_by("position").values_list("title", flat=True))


def test_amendments_are_numbered_per_plan(
    plan: Plan, office_user: User, store_plan: Callable[..., Plan]
) -> None:
    other = store_plan(b"other")
    numbers = [
        amendment_open(
            plan=p, by=office_user, title="调整", reason="决定", decided_on=DAY, doc_number="罗办〔2014〕1号"
        ).number
        for p in (plan, plan, other, plan)
    ]
    assert numbers == [1, 2, 1, 3]


def test_only_the_office_amends(plan: Plan, clerk_user: User, amendment: Amendment) -> None:
    with pytest.raises(NotCoordinatingOffice) as caught:
        amendment_open(plan=plan, by=clerk_user, title="调整", reason="决定", decided_on=DAY)
    assert isinstance(caught.value, PermissionDenied) and isinstance(caught.value, LedgerError)
    chapter = plan.chapters.first()
    assert chapter is not None
    with pytest.raises(NotCoordinatingOffice):
        project_add(amendment=amendment, by=clerk_user, chapter=chapter, title="新项目")


def test_a_project_added_after_another_takes_its_place(
    plan: Plan, office_user: User, amendment: Amendment
) -> None:
    first = Project.objects.get(plan=plan, title="项目1-1")
    added = project_add(
        amendment=amendment,
        by=office_user,
        chapter=first.chapter,
        after=first,
        title="新增项目",
        label="（三）",
        deadline=dt.date(2015, 6, 30),
        lead_units=[unit("区发改局")],
        co_units=[unit("区财政局"), unit("区发改局")],
    )
    # after the first project and its sub-item, before the second project
    assert titles(plan)[:4] == ["项目1-1", "子项1-1-1", "新增项目", "项目1-2"]
    assert added.level == 1 and added.number == 3
    assert [u.name for u in added.units.filter(project_units__role="co", project_units__project=added)] == [
        "区财政局"
    ]
    change = amendment.changes.get()
    assert (change.kind, change.model, change.object_id, change.project) == (
        "add",
        "project",
        added.pk,
        added,
    )
    assert change.after["deadline"] == "2015-06-30"
    assert added.history.first().history_user == office_user


def test_a_project_added_to_a_chapter_goes_to_its_end(
    plan: Plan, office_user: User, amendment: Amendment
) -> None:
    chapter = Chapter.objects.get(plan=plan, number=1)
    project_add(amendment=amendment, by=office_user, chapter=chapter, title="章末项目")
    assert titles(plan)[4] == "章末项目"
    last_chapter = Chapter.objects.get(plan=plan, number=2)
    project_add(amendment=amendment, by=office_user, chapter=last_chapter, title="最后")
    assert titles(plan)[-1] == "最后"
    assert plan_ledger(plan).chapters[0].projects[-1].project.title == "章末项目"


def test_a_dropped_project_is_archived_with_its_parts_and_kept(
    plan: Plan, office_user: User, amendment: Amendment
) -> None:
    project = Project.objects.get(plan=plan, title="项目1-1")
    project_drop(amendment=amendment, by=office_user, project=project, reason="已并入其他项目")

    assert "项目1-1" not in titles(plan) and "子项1-1-1" not in titles(plan)
    assert Project.all_objects.get(pk=project.pk).archived_at is not None
    assert not Measure.objects.filter(project=project).exists()
    assert Measure.all_objects.filter(project=project).count() == 2
    assert not plan.projects.filter(pk=project.pk).exists()
    change = amendment.changes.get()
    assert change.kind == ChangeKind.DROP and len(change.after["projects"]) == 2
    assert change.reason == "已并入其他项目"
    with pytest.raises(AmendmentRefused):
        project_drop(amendment=amendment, by=office_user, project=project, reason="再次")


def test_a_drop_needs_a_reason(plan: Plan, office_user: User, amendment: Amendment) -> None:
    project = Project.objects.filter(plan=plan).first()
    assert project is not None
    with pytest.raises(AmendmentRefused):
        project_drop(amendment=amendment, by=office_user, project=project, reason="  ")
    assert project.archived_at is None and not amendment.changes.exists()


def test_a_change_records_before_and_after(plan: Plan, office_user: User, amendment: Amendment) -> None:
    project = Project.objects.get(plan=plan, title="项目1-2")
    project_change(
        amendment=amendment,
        by=office_user,
        project=project,
        title="项目1-2（调整）",
        deadline=dt.date(2014, 12, 31),
        lead_units=[unit("区民政局")],
        reason="时限推迟",
    )
    change = amendment.changes.get()
    assert change.before["title"] == "项目1-2" and change.after["title"] == "项目1-2（调整）"
    assert change.before["deadline"] == "2013-12-31" and change.after["deadline"] == "2014-12-31"
    assert change.after["lead_units"] == [unit("区民政局").pk]
    assert project.version == 2 and project.deadline == dt.date(2014, 12, 31)


def test_two_people_amending_one_project_at_once(plan: Plan, office_user: User, amendment: Amendment) -> None:
    project = Project.objects.get(plan=plan, title="项目1-2")
    stale = Project.objects.get(pk=project.pk)
    project_change(amendment=amendment, by=office_user, project=project, title="先保存的标题")
    with pytest.raises(ConcurrentEdit):
        project_change(
            amendment=amendment, by=office_user, project=stale, title="后保存的标题", lead_units=[]
        )
    project.refresh_from_db()
    assert project.title == "先保存的标题" and project.project_units.count() == 3
    assert amendment.changes.count() == 1
    with pytest.raises(ConcurrentEdit):
        project_drop(amendment=amendment, by=office_user, project=project, reason="撤销", expected_version=1)


def test_measures_targets_and_chapters(plan: Plan, office_user: User, amendment: Amendment) -> None:
    project = Project.objects.get(plan=plan, title="项目1-2")
    first = project.measures.order_by("position").first()
    added = measure_add(amendment=amendment, by=office_user, project=project, text="新举措", after=first)
    assert list(project.measures.order_by("position").values_list("text", flat=True)) == [
        "举措1-2-1",
        "新举措",
        "举措1-2-2",
    ]
    measure_change(
        amendment=amendment, by=office_user, measure=added, text="改过的举措", lead_units=[unit("区财政局")]
    )
    assert added.measure_units.get().unit.name == "区财政局"
    measure_drop(amendment=amendment, by=office_user, measure=added, reason="不再需要")
    target = target_add(
        amendment=amendment, by=office_user, project=project, text="满意度达95%以上", min_value=95, unit="%"
    )
    with pytest.raises(AmendmentRefused):
        target_change(amendment=amendment, by=office_user, target=target, max_value=90)
    target_change(amendment=amendment, by=office_user, target=target, min_value=90)
    target_drop(amendment=amendment, by=office_user, target=target, reason="指标取消")
    chapter = chapter_add(amendment=amendment, by=office_user, title="新增一章")
    assert chapter.number == 3
    chapter_change(amendment=amendment, by=office_user, chapter=chapter, title="新增的一章")
    old = Chapter.objects.get(plan=plan, number=2)
    chapter_drop(amendment=amendment, by=office_user, chapter=old, reason="并入第一章")
    assert not Project.objects.filter(chapter=old).exists()
    kinds = list(amendment.changes.values_list("kind", "model"))
    assert kinds == [
        ("add", "measure"),
        ("change", "measure"),
        ("drop", "measure"),
        ("add", "target"),
        ("change", "target"),
        ("drop", "target"),
        ("add", "chapter"),
        ("change", "chapter"),
        ("drop", "chapter"),
    ]


def test_split_and_merge(plan: Plan, office_user: User, amendment: Amendment) -> None:
    project = Project.objects.get(plan=plan, title="项目1-2")
    new = project_split(
        amendment=amendment, by=office_user, project=project, titles=["甲", "乙"], reason="拆分"
    )
    assert [p.title for p in new] == ["甲", "乙"]
    assert titles(plan)[:5] == ["项目1-1", "子项1-1-1", "甲", "乙", "项目2-1"]
    assert [
        u.name
        for u in new[0]
        .units.filter(project_units__project=new[0])
        .order_by("project_units__role", "project_units__position")
    ] == [
        "各街道办事处",
        "区发改局",
        "区财政局",
    ]
    into = Project.objects.get(plan=plan, title="项目2-1")
    merged = Project.objects.get(plan=plan, title="项目2-2")
    project_merge(amendment=amendment, by=office_user, projects=[merged], into=into, reason="合并")
    assert into.measures.count() == 4
    assert Project.all_objects.get(pk=merged.pk).archived_at is not None


def test_a_revert_undoes_every_change(plan: Plan, office_user: User, amendment: Amendment) -> None:
    before = titles(plan)
    dropped = Project.objects.get(plan=plan, title="项目1-1")
    changed = Project.objects.get(plan=plan, title="项目1-2")
    chapter = dropped.chapter
    added = project_add(amendment=amendment, by=office_user, chapter=chapter, title="新增项目")
    project_drop(amendment=amendment, by=office_user, project=dropped, reason="取消")
    project_change(amendment=amendment, by=office_user, project=changed, title="改名", lead_units=[])

    revert = amendment_revert(amendment=amendment, by=office_user, reason="撤回调整", decided_on=DAY)

    assert revert.number == 2 and revert.reverts == amendment
    amendment.refresh_from_db()
    assert amendment.reverted_at is not None
    assert [t for t in titles(plan)] == [t for t in before]
    assert Project.all_objects.get(pk=added.pk).archived_at is not None
    assert Measure.objects.filter(project=dropped).count() == 2
    assert Target.objects.filter(project=dropped).count() == 1
    assert changed.project_units.count() == 3
    assert list(revert.changes.values_list("kind", flat=True)) == ["change", "restore", "drop"]
    with pytest.raises(AmendmentRefused):
        amendment_revert(amendment=amendment, by=office_user, reason="再撤", decided_on=DAY)
    with pytest.raises(AmendmentRefused):
        project_add(amendment=amendment, by=office_user, chapter=chapter, title="晚了")


def test_a_revert_refuses_a_change_made_again_since(
    plan: Plan, office_user: User, amendment: Amendment
) -> None:
    project = Project.objects.get(plan=plan, title="项目1-2")
    project_change(amendment=amendment, by=office_user, project=project, title="第一次")
    later = amendment_open(plan=plan, by=office_user, title="再调整", reason="再决定", decided_on=DAY)
    project_change(amendment=later, by=office_user, project=project, title="第二次")
    with pytest.raises(AmendmentRefused):
        amendment_revert(amendment=amendment, by=office_user, reason="撤回", decided_on=DAY)
    amendment.refresh_from_db()
    assert amendment.reverted_at is None
    assert Amendment.objects.filter(plan=plan).count() == 2


def test_an_amended_plan_holds_work_and_is_not_deleted(
    plan: Plan, office_user: User, amendment: Amendment
) -> None:
    from reformtrack.ledger.errors import PlanHasWork
    from reformtrack.ledger.services import plan_delete
    from reformtrack.ledger.work import plan_work_counts

    project = Project.objects.filter(plan=plan).first()
    assert project is not None
    project_drop(amendment=amendment, by=office_user, project=project, reason="取消")
    assert plan_work_counts(plan).amendments == 1
    with pytest.raises(PlanHasWork):
        plan_delete(plan=plan, by=office_user)
    assert Project.all_objects.filter(pk=project.pk).exists()


def test_a_split_and_a_merge_are_reverted_too(plan: Plan, office_user: User, amendment: Amendment) -> None:
    before = titles(plan)
    split = Project.objects.get(plan=plan, title="项目1-2")
    project_split(amendment=amendment, by=office_user, project=split, titles=["甲", "乙"], reason="拆分")
    into = Project.objects.get(plan=plan, title="项目2-1")
    merged = Project.objects.get(plan=plan, title="项目2-2")
    project_merge(amendment=amendment, by=office_user, projects=[merged], into=into, reason="合并")

    amendment_revert(amendment=amendment, by=office_user, reason="撤回", decided_on=DAY)

    assert titles(plan) == before
    assert into.measures.count() == 2 and into.project_units.count() == 3
    assert merged.measures.count() == 2
