"""project_update: optimistic locking (a stale version is refused, nothing lost), rights, history."""

from __future__ import annotations

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


def test_it_saves_and_bumps_the_version(project: Project, clerk_user: User) -> None:
    saved = project_update(
        project=project, by=clerk_user, version=1, progress=40, status=ProjectStatus.IN_PROGRESS
    )

    stored = Project.objects.get(pk=project.pk)
    assert (stored.progress, stored.status, stored.version) == (40, ProjectStatus.IN_PROGRESS, 2)
    assert saved.version == 2


def test_it_refuses_the_second_of_two_saves_from_the_same_version(
    project: Project, clerk_user: User, unit_lead_user: User
) -> None:
    mine = Project.objects.get(pk=project.pk)
    theirs = Project.objects.get(pk=project.pk)
    project_update(project=theirs, by=unit_lead_user, version=1, progress=60, title="先保存的标题")

    with pytest.raises(ConcurrentEdit) as refused:
        project_update(project=mine, by=clerk_user, version=1, progress=10, text="后保存的正文")

    stored = Project.objects.get(pk=project.pk)
    assert (stored.progress, stored.title, stored.version) == (60, "先保存的标题", 2)
    assert stored.text == project.text  # nothing of the refused save
    assert refused.value.saved_by == unit_lead_user
    assert refused.value.project.progress == 60
    assert "unit_lead" in str(refused.value)


def test_saving_again_from_the_current_version_goes_through(project: Project, clerk_user: User) -> None:
    project_update(project=project, by=clerk_user, version=1, progress=10)

    saved = project_update(project=project, by=clerk_user, version=2, progress=20)

    assert (saved.progress, saved.version) == (20, 3)


def test_a_stale_save_that_changes_nothing_is_refused_too(project: Project, clerk_user: User) -> None:
    project_update(project=Project.objects.get(pk=project.pk), by=clerk_user, version=1, progress=10)

    with pytest.raises(ConcurrentEdit):
        project_update(project=project, by=clerk_user, version=1, progress=project.progress)


def test_it_records_the_change_with_the_user(project: Project, clerk_user: User) -> None:
    project_update(project=project, by=clerk_user, version=1, progress=30)

    last = project.history.order_by("-history_id").first()
    assert (last.history_type, last.history_user, last.progress, last.version) == ("~", clerk_user, 30, 2)
    assert "progress" in last.history_change_reason


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
    project_update(project=project, by=clerk_user, version=1, weight=project.weight, progress=5)

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

    def save(progress: int) -> None:
        start.wait()
        try:
            project_update(
                project=Project.objects.get(pk=project.pk), by=clerk_user, version=1, progress=progress
            )
            outcomes.append("saved")
        except ConcurrentEdit:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(progress,)) for progress in (30, 70)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["refused", "saved"]
    stored = Project.objects.get(pk=project.pk)
    assert stored.version == 2 and stored.progress in (30, 70)
    assert project.history.filter(history_type="~").count() == 1
