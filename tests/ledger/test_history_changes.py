"""The history a project's pages show, read through simple-history's ``diff_against``.

Fields are named by their verbose name and values shown as the pages show them: a choice by its label,
a foreign key by the name of what it points at; a first record says "created" and lists no fields. The
queries do not grow with the length of the history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reformtrack.core.history import HistorySource, history_entries, records_of
from reformtrack.ledger.choices import ProjectStatus
from reformtrack.ledger.history import project_changes
from reformtrack.ledger.models import Milestone, Plan, Project, Unit
from reformtrack.ledger.services import milestone_create, milestone_update, project_assign, project_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(store_plan: Callable[..., Plan]) -> Project:
    return store_plan().projects.order_by("position")[0]


def lead_units(project: Project) -> list[Unit]:
    return list(project.units.all())


def test_a_changed_choice_shows_both_labels(project: Project, office_user: User) -> None:
    project_update(project=project, by=office_user, version=project.version, status=ProjectStatus.IN_PROGRESS)

    entry = project_changes(project)[0]

    assert (entry.kind, entry.who) == ("changed", "office")
    assert [(c.field, c.old, c.new) for c in entry.changes] == [("状态", "未启动", "推进中")]
    assert str(ProjectStatus.NOT_STARTED.label) == "未启动"  # the labels, translated, not the stored codes


def test_a_changed_foreign_key_shows_the_names(
    project: Project, office_user: User, make_user: Callable[..., User]
) -> None:
    first = make_user("leader", username="leader1", name="张三")
    second = make_user("leader", username="leader2", name="李四")
    project_assign(project=project, by=office_user, leader=first, lead_units=lead_units(project), co_units=[])
    project_assign(
        project=project, by=office_user, leader=second, lead_units=lead_units(project), co_units=[]
    )

    newest, older = project_changes(project)[:2]

    field = str(Project._meta.get_field("leader").verbose_name)
    assert [(c.field, c.old, c.new) for c in newest.changes] == [(field, "张三", "李四")]
    assert [(c.field, c.old, c.new) for c in older.changes] == [(field, "—", "张三")]


def test_a_first_record_says_created_and_lists_no_fields(project: Project, office_user: User) -> None:
    milestone_create(project=project, by=office_user, date=dt.date(2025, 3, 1), title="中期评估")

    entry = project_changes(project)[0]

    assert (entry.kind, entry.subject, entry.changes) == ("created", "节点: 中期评估", [])


def test_the_changes_of_one_save_come_in_the_order_of_the_model(project: Project, office_user: User) -> None:
    milestone = milestone_create(project=project, by=office_user, date=dt.date(2025, 3, 1), title="中期评估")
    milestone_update(
        milestone=milestone, by=office_user, title="中期总结", done=True, date=dt.date(2025, 4, 1)
    )

    entry = project_changes(project)[0]

    # diff_against sorts by attribute name (date, done, title); the page keeps the model's order
    assert [(c.field, c.old, c.new) for c in entry.changes] == [
        ("日期", "2025-03-01", "2025-04-01"),
        ("标题", "中期评估", "中期总结"),
        ("已完成", "否", "是"),
    ]


def test_a_save_that_changed_nothing_shown_is_left_out(project: Project, office_user: User) -> None:
    milestone = milestone_create(project=project, by=office_user, date=dt.date(2025, 3, 1), title="中期评估")
    milestone_update(milestone=milestone, by=office_user, position=5)  # the order is not shown

    assert [entry.kind for entry in project_changes(project)][:1] == ["created"]


def count_queries(project: Project) -> int:
    with CaptureQueriesContext(connection) as queries:
        project_changes(project)
    return len(queries)


def test_the_queries_do_not_grow_with_the_history(
    project: Project, office_user: User, make_user: Callable[..., User]
) -> None:
    leaders = [make_user("leader", username=f"leader{i}", name=f"领导{i}") for i in range(12)]
    project_assign(
        project=project, by=office_user, leader=leaders[0], lead_units=lead_units(project), co_units=[]
    )
    few = count_queries(project)

    for i, leader in enumerate(leaders[1:], start=1):
        project_assign(
            project=project, by=office_user, leader=leader, lead_units=lead_units(project), co_units=[]
        )
        milestone = milestone_create(
            project=project, by=office_user, date=dt.date(2025, 1, i), title=f"节点{i}"
        )
        milestone_update(milestone=milestone, by=office_user, done=True)
        project = project_update(project=project, by=office_user, version=project.version, progress=i)

    assert len(project_changes(project)) > 40
    assert count_queries(project) == few == 6  # five sources (tags too), and the names of the leaders


def test_any_app_can_read_its_records_through_it(project: Project, office_user: User) -> None:
    milestone = milestone_create(project=project, by=office_user, date=dt.date(2025, 3, 1), title="中期评估")
    milestone_update(milestone=milestone, by=office_user, done=True)

    entries = history_entries([HistorySource(Milestone.history.filter(id=milestone.pk), "节点", frozenset())])

    assert [(e.kind, e.subject) for e in entries] == [
        ("changed", "节点: 中期评估"),
        ("created", "节点: 中期评估"),
    ]
    assert [(c.old, c.new) for c in entries[0].changes] == [("否", "是")]


def test_the_saves_of_one_object_come_newest_first_with_who_saved_them(
    project: Project, office_user: User, make_user: Callable[..., User]
) -> None:
    other_office = make_user("office", username="office2")
    milestone = milestone_create(project=project, by=office_user, date=dt.date(2025, 3, 1), title="中期评估")
    milestone_update(milestone=milestone, by=other_office, done=True)

    records = records_of(milestone)

    assert [(r.history_type, r.history_user) for r in records] == [("~", other_office), ("+", office_user)]
    assert [r.history_type for r in records_of(milestone, limit=1)] == ["~"]
