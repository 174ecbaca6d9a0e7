"""The ledger announces its changes through ledger/signals.py (the status lights follow them there)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.dispatch import Signal

from reformtrack.ledger.models import Plan, Project
from reformtrack.ledger.services import milestone_create, project_update
from reformtrack.ledger.signals import plan_imported, project_changed

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard() -> Iterator[Callable[[Signal], list[dict[str, Any]]]]:
    """``heard(signal)``: the keyword arguments of every send of ``signal`` from then on."""
    connected: list[tuple[Signal, Callable[..., None]]] = []

    def listen(signal: Signal) -> list[dict[str, Any]]:
        sends: list[dict[str, Any]] = []

        def receiver(sender: Any, **kwargs: Any) -> None:
            sends.append({"sender": sender, **{k: v for k, v in kwargs.items() if k != "signal"}})

        signal.connect(receiver, weak=False)
        connected.append((signal, receiver))
        return sends

    yield listen
    for signal, receiver in connected:
        signal.disconnect(receiver)


@pytest.fixture
def project(store_plan: Callable[..., Plan]) -> Project:
    return store_plan(chapters=1, projects=1, lead_units=("区经济促进局",)).projects.get(level=1)


def test_a_change_of_progress_is_announced_with_the_project_and_who(
    project: Project, office_user: User, heard: Callable[[Signal], list[dict[str, Any]]]
) -> None:
    sends = heard(project_changed)

    project_update(project=project, by=office_user, version=project.version, progress=30)

    assert sends == [{"sender": Project, "project": project, "by": office_user}]


def test_a_change_of_title_is_not_announced(
    project: Project, office_user: User, heard: Callable[[Signal], list[dict[str, Any]]]
) -> None:
    sends = heard(project_changed)

    project_update(project=project, by=office_user, version=project.version, title="新标题")

    assert sends == []


def test_a_caller_that_judges_the_light_itself_can_leave_the_change_unannounced(
    project: Project, office_user: User, heard: Callable[[Signal], list[dict[str, Any]]]
) -> None:
    sends = heard(project_changed)

    project_update(project=project, by=office_user, version=project.version, announce=False, progress=30)

    assert sends == []
    assert Project.objects.get(pk=project.pk).progress == 30


def test_a_new_milestone_is_announced(
    project: Project, office_user: User, heard: Callable[[Signal], list[dict[str, Any]]]
) -> None:
    sends = heard(project_changed)

    milestone_create(project=project, by=office_user, date=dt.date(2014, 6, 30), title="方案印发")

    assert [send["project"] for send in sends] == [project]


def test_an_imported_plan_is_announced(
    store_plan: Callable[..., Plan], heard: Callable[[Signal], list[dict[str, Any]]]
) -> None:
    sends = heard(plan_imported)

    plan = store_plan(chapters=1, projects=1)

    assert sends == [{"sender": Plan, "plan": plan, "by": None}]
