"""project_update: optimistic locking (a stale version is refused, nothing lost), rights, history."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import connection

from reformtrack.ledger.choices import ProjectStatus
from reformtrack.ledger.errors import ConcurrentEdit, LedgerError
from reformtrack.ledger.models import Plan, Project
from reformtrack.ledger.services import project_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(store_plan: Callable[..., Plan]) -> Project:
    plan = store_plan(chapters=1, projects=1, lead_units=("区经济促进局",), co_units=("区科技创新局",))
    return plan.projects.get(level=1)


def test_it_saves_and_bumps_the_version(project: Project, office_user: User) -> None:
    saved = project_update(
        project=project, by=office_user, version=1, progress=40, status=ProjectStatus.IN_PROGRESS
    )

    stored = Project.objects.get(pk=project.pk)
    assert (stored.progress, stored.status, stored.version) == (40, ProjectStatus.IN_PROGRESS, 2)
    assert saved.version == 2


def test_it_refuses_the_second_of_two_saves_from_the_same_version(
    project: Project, clerk_user: User, unit_lead_user: User
) -> None:
    mine = Project.objects.get(pk=project.pk)
    theirs = Project.objects.get(pk=project.pk)
    project_update(project=theirs, by=unit_lead_user, version=1, title="先保存的标题")

    with pytest.raises(ConcurrentEdit) as refused:
        project_update(project=mine, by=clerk_user, version=1, title="后保存的标题", text="后保存的正文")

    stored = Project.objects.get(pk=project.pk)
    assert (stored.title, stored.version) == ("先保存的标题", 2)
    assert stored.text == project.text  # nothing of the refused save
    assert refused.value.saved_by == unit_lead_user
    assert refused.value.project.title == "先保存的标题"
    assert "unit_lead" in str(refused.value)


def test_saving_again_from_the_current_version_goes_through(project: Project, clerk_user: User) -> None:
    project_update(project=project, by=clerk_user, version=1, title="第一次")

    saved = project_update(project=project, by=clerk_user, version=2, title="第二次")

    assert (saved.title, saved.version) == ("第二次", 3)


def test_a_stale_save_that_changes_nothing_is_refused_too(project: Project, clerk_user: User) -> None:
    project_update(project=Project.objects.get(pk=project.pk), by=clerk_user, version=1, title="改过")

    with pytest.raises(ConcurrentEdit):
        project_update(project=project, by=clerk_user, version=1, title=project.title)


def test_it_records_the_change_with_the_user(project: Project, clerk_user: User) -> None:
    project_update(project=project, by=clerk_user, version=1, title="新标题")

    last = project.history.order_by("-history_id").first()
    assert (last.history_type, last.history_user, last.title, last.version) == ("~", clerk_user, "新标题", 2)
    assert "title" in last.history_change_reason


def test_it_keeps_out_who_may_not_edit(project: Project, counit_user: User, supervision_user: User) -> None:
    for user in [counit_user, supervision_user]:
        with pytest.raises(PermissionDenied):
            project_update(project=project, by=user, version=1, progress=90)

    assert Project.objects.get(pk=project.pk).version == 1


def test_only_the_office_changes_weights_and_flags(
    project: Project, clerk_user: User, office_user: User
) -> None:
    with pytest.raises(PermissionDenied):
        project_update(project=project, by=clerk_user, version=1, weight=Decimal(3))
    # a field passed unchanged is no change
    project_update(project=project, by=clerk_user, version=1, weight=project.weight, title="改过")

    saved = project_update(project=project, by=office_user, version=2, weight=Decimal(3), needs_review=False)

    assert (saved.weight, saved.needs_review) == (Decimal(3), False)


def test_it_refuses_bad_values(project: Project, office_user: User) -> None:
    bad: list[dict[str, Any]] = [
        {"progress": 101},
        {"status": "lost"},
        {"title": "  "},
        {"weight": Decimal(-1)},
    ]
    for changes in bad:
        with pytest.raises(LedgerError):
            project_update(project=project, by=office_user, version=1, **changes)
    with pytest.raises(TypeError):
        project_update(project=project, by=office_user, version=1, plan_id=2)


@pytest.mark.django_db(transaction=True)
def test_it_lets_one_of_two_simultaneous_saves_through(project: Project, clerk_user: User) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL's row locks")
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def save(title: str) -> None:
        start.wait()
        try:
            project_update(project=Project.objects.get(pk=project.pk), by=clerk_user, version=1, title=title)
            outcomes.append("saved")
        except ConcurrentEdit:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(title,)) for title in ("甲", "乙")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["refused", "saved"]
    stored = Project.objects.get(pk=project.pk)
    assert stored.version == 2 and stored.title in ("甲", "乙")
    assert project.history.filter(history_type="~").count() == 1


def test_the_lead_unit_cannot_mark_its_project_done(
    project: Project, clerk_user: User, unit_lead_user: User, leader_user: User
) -> None:
    # progress, completion and deadline move by the office or by an accepted report, not by hand
    project.leader = leader_user
    project.save()
    refused: list[dict[str, Any]] = [
        {"progress": 100},
        {"status": ProjectStatus.COMPLETED},
        {"deadline": dt.date(2030, 1, 1)},
        {"deadline_text": "2030年底前"},
    ]
    for user in [clerk_user, unit_lead_user, leader_user]:
        for changes in refused:
            with pytest.raises(PermissionDenied):
                project_update(project=project, by=user, version=1, title="改过的标题", **changes)

    stored = Project.objects.get(pk=project.pk)
    assert (stored.progress, stored.status, stored.version) == (0, ProjectStatus.NOT_STARTED, 1)
    assert stored.title == project.title  # the whole save is refused, not half of it
    # the value shown, passed back unchanged, is no change
    saved = project_update(
        project=project, by=clerk_user, version=1, title="改过的标题", progress=0, status=stored.status
    )
    assert (saved.title, saved.progress) == ("改过的标题", 0)


def test_the_office_moves_progress_and_completion(project: Project, office_user: User) -> None:
    saved = project_update(
        project=project, by=office_user, version=1, progress=100, status=ProjectStatus.COMPLETED
    )

    assert (saved.progress, saved.status) == (100, ProjectStatus.COMPLETED)
