"""A target behind its expected path turns the project's light yellow, with the target as its reason."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.utils import translation

from reformtrack.ledger.choices import Light
from reformtrack.ledger.models import Plan, Project, Target
from reformtrack.ledger.services import target_value_record
from reformtrack.status import engine
from reformtrack.status.models import StatusRules
from reformtrack.status.reasons import describe
from reformtrack.status.services import lights_recompute

from .engine_facts import MID_YEAR, codes, project

TODAY = dt.date(2014, 7, 1)


def _target(achieved: float, expected: float = 50.0) -> engine.TargetFacts:
    return engine.TargetFacts(id=7, text="满意度达95%以上", achievement=achieved, expected=expected)


def test_a_target_behind_by_the_tolerance_makes_yellow() -> None:
    verdict = engine.judge_project(project(targets=[_target(35.0)]), engine.Rules(), MID_YEAR)

    assert verdict.light == engine.YELLOW
    assert codes(verdict.reasons) == [engine.TARGET_BEHIND]
    assert verdict.reasons[0] | {} == {
        "code": "target_behind",
        "light": "yellow",
        "count": 1,
        "target": "满意度达95%以上",
        "achievement": 35,
        "expected": 50,
        "behind": 15,
    }


def test_a_target_within_the_tolerance_or_ahead_is_on_track() -> None:
    verdict = engine.judge_project(project(targets=[_target(41.0), _target(90.0)]), engine.Rules(), MID_YEAR)
    assert verdict.light == engine.GREEN


def test_the_rule_is_off_at_zero_and_never_red() -> None:
    off = engine.judge_project(
        project(targets=[_target(0.0, 100.0)]), engine.Rules(target_behind_points=0), MID_YEAR
    )
    far = engine.judge_project(project(targets=[_target(0.0, 100.0)]), engine.Rules(), MID_YEAR)
    assert off.light == engine.GREEN
    assert far.light == engine.YELLOW


def test_the_reason_reads_in_chinese() -> None:
    reason = engine.judge_project(
        project(targets=[_target(35.0), _target(20.0)]), engine.Rules(), MID_YEAR
    ).reasons[0]
    with translation.override("zh-hans"):
        text = describe(reason)
    assert "满意度达95%以上" in text and "20%" in text and "50%" in text
    assert "target" not in text.lower()


@pytest.fixture
def lagging(store_plan: Callable[..., Plan]) -> Project:
    """A project on schedule by its progress, whose one target (10 个 at the plan's end) lags."""
    plan = store_plan(chapters=1, projects=1, children=0, measures=1)
    found = plan.projects.get()
    Project.objects.filter(pk=found.pk).update(deadline=dt.date(2015, 12, 31), progress=60)
    found.measures.update(deadline=None)
    Target.objects.filter(project=found).update(min_value=10, max_value=None, form="at_least")
    found.refresh_from_db()
    return found


@pytest.mark.django_db
def test_a_lagging_value_turns_the_light_yellow_with_its_reason(lagging: Project, office_user: User) -> None:
    lights_recompute(today=TODAY)
    assert Project.objects.get(pk=lagging.pk).light == Light.GREEN

    target_value_record(
        target=lagging.targets.get(), date=dt.date(2014, 6, 30), value=Decimal(2), by=office_user
    )
    lights_recompute(today=TODAY)

    lagging.refresh_from_db()
    assert lagging.light == Light.YELLOW
    assert [r["code"] for r in lagging.light_reasons] == ["target_behind"]
    # 2 of 10 is 20 %; 546 of 1,094 days of 2013–2015 gone by is 50 %
    assert (lagging.light_reasons[0]["achievement"], lagging.light_reasons[0]["expected"]) == (20, 50)


@pytest.mark.django_db
def test_the_office_sets_the_tolerance(lagging: Project, office_user: User) -> None:
    target_value_record(
        target=lagging.targets.get(), date=dt.date(2014, 6, 30), value=Decimal(2), by=office_user
    )
    lights_recompute(today=TODAY)
    StatusRules.objects.filter(plan=lagging.plan).update(target_behind_points=40)

    lights_recompute(today=TODAY)

    assert Project.objects.get(pk=lagging.pk).light == Light.GREEN
