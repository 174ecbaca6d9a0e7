"""Progress rolls up by weight: measures → project → chapter → plan."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied

from reformtrack.ledger.models import Measure, Plan, Project
from reformtrack.ledger.selectors import (
    chapter_progress,
    plan_progress,
    plan_progress_report,
    weighted_progress,
)
from reformtrack.ledger.services import measure_update

pytestmark = pytest.mark.django_db


def set_progress(plan: Plan, *values: tuple[int, Decimal]) -> list[Project]:
    projects = list(plan.projects.filter(level=1).order_by("position"))
    for project, (progress, weight) in zip(projects, values, strict=True):
        Project.objects.filter(pk=project.pk).update(progress=progress, weight=weight)
    return projects


def test_it_weighs_the_mean() -> None:
    assert weighted_progress([(Decimal(1), 100), (Decimal(3), 0)]) == 25
    assert weighted_progress([(Decimal(0), 100), (Decimal(0), 50)]) == 75  # no weights: plain mean
    assert weighted_progress([]) is None


def test_it_rolls_projects_up_into_chapters_and_the_plan(store_plan: Callable[..., Plan]) -> None:
    plan = store_plan(chapters=2, projects=2)
    set_progress(plan, (100, Decimal(1)), (0, Decimal(1)), (40, Decimal(2)), (100, Decimal("0.5")))

    report = plan_progress_report(plan)

    assert [chapter.progress for chapter in report.chapters] == [50, 52]
    assert [chapter.project_count for chapter in report.chapters] == [2, 2]
    assert report.progress == pytest.approx((100 + 0 + 80 + 50) / 4.5)
    assert plan_progress(plan) == report.progress
    assert chapter_progress(report.chapters[0].chapter) == 50


def test_it_counts_only_the_projects_asked_for(
    store_plan: Callable[..., Plan], make_user: Callable[..., User]
) -> None:
    plan = store_plan(chapters=1, projects=1, lead_units=("区经济促进局",), co_units=())
    other = store_plan(b"other", chapters=1, projects=1)
    set_progress(plan, (80, Decimal(1)))
    clerk = make_user("clerk", "区经济促进局")

    assert plan_progress(plan, within=Project.objects.restrict(clerk, "view")) == 80
    assert plan_progress(other, within=Project.objects.restrict(clerk, "view")) is None


def test_reported_measures_set_their_projects_progress(
    store_plan: Callable[..., Plan], clerk_user: User, office_user: User
) -> None:
    plan = store_plan(chapters=1, projects=1, measures=2, lead_units=("区经济促进局",), co_units=())
    project = plan.projects.get(level=1)
    first, second = project.measures.order_by("position")

    measure_update(measure=second, by=office_user, weight=Decimal(3))
    measure_update(measure=first, by=office_user, progress=100)
    measure_update(measure=second, by=office_user, progress=20)

    stored = Project.objects.get(pk=project.pk)
    assert stored.progress == 40  # (1 × 100 + 3 × 20) / 4
    assert stored.version == 3  # two reports changed it; the weight alone did not
    assert project.history.order_by("-history_id").first().history_user == office_user
    with pytest.raises(PermissionDenied):
        measure_update(measure=first, by=clerk_user, weight=Decimal(2))


def test_the_lead_units_clerk_cannot_set_a_measures_progress(
    store_plan: Callable[..., Plan], clerk_user: User
) -> None:
    # progress moves by the office or by an accepted report, never by the lead unit's own hand
    plan = store_plan(chapters=1, projects=1, measures=1, lead_units=("区经济促进局",), co_units=())
    measure = plan.projects.get(level=1).measures.get()

    with pytest.raises(PermissionDenied):
        measure_update(measure=measure, by=clerk_user, progress=100)

    assert Measure.objects.get(pk=measure.pk).progress == 0
    assert Project.objects.get(pk=measure.project_id).progress == 0
