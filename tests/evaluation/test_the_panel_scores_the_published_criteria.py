"""Reviewers score every published criterion; the page sums them up: the mean per criterion over the
reviewers who scored and the total weighted by the criteria's weights."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from reformtrack.evaluation import services_panel
from reformtrack.evaluation.errors import EvaluationRefused
from reformtrack.evaluation.models import Evaluation, Score
from reformtrack.evaluation.selectors import panel_summary

from .conftest import with_panel

pytestmark = pytest.mark.django_db


def _score(evaluation: Evaluation, reviewer: User, criteria: dict, first: str, second: str) -> None:  # type: ignore[type-arg]
    services_panel.scores_submit(
        evaluation=evaluation,
        by=reviewer,
        scores={
            criteria["目标完成"].pk: (Decimal(first), "好"),
            criteria["群众获得感"].pk: (Decimal(second), ""),
        },
        comments="建议推广",
    )


def test_the_summary_is_the_mean_per_criterion_and_the_weighted_total(
    evaluation: Evaluation,
    office_user: User,
    clerk_user: User,
    outsider_clerk: User,
    make_user: object,
    client: Client,
) -> None:
    expert = services_panel.expert_create(
        by=office_user, username="expert-li", name="李专家", password="Zq8#long-enough"
    )
    criteria = with_panel(evaluation, office_user, clerk_user, [outsider_clerk, expert])
    evaluation.refresh_from_db()

    _score(evaluation, outsider_clerk, criteria, "80", "70")
    _score(evaluation, expert, criteria, "90", "50")
    summary = panel_summary(evaluation, office_user)

    assert [(row.criterion.name, row.mean, row.count) for row in summary.rows] == [
        ("目标完成", Decimal("85.0"), 2),
        ("群众获得感", Decimal("60.0"), 2),
    ]
    assert summary.total == Decimal("75.0")  # (85 × 60 + 60 × 40) / 100
    client.force_login(office_user)
    page = client.get(reverse("evaluation:detail", args=[evaluation.pk])).content.decode()
    assert 'data-testid="panel-total">加权总分：75.0' in page


def test_a_reviewer_scores_every_criterion_between_0_and_100_and_only_their_own(
    evaluation: Evaluation, office_user: User, clerk_user: User, outsider_clerk: User, leader_user: User
) -> None:
    criteria = with_panel(evaluation, office_user, clerk_user, [outsider_clerk])
    evaluation.refresh_from_db()
    first = criteria["目标完成"].pk

    with pytest.raises(EvaluationRefused):
        services_panel.scores_submit(
            evaluation=evaluation, by=outsider_clerk, scores={first: (Decimal(80), "")}, comments=""
        )
    with pytest.raises(EvaluationRefused):
        _score(evaluation, outsider_clerk, criteria, "101", "50")
    with pytest.raises(PermissionDenied):  # not assigned
        _score(evaluation, leader_user, criteria, "80", "50")
    _score(evaluation, outsider_clerk, criteria, "80", "50")
    _score(evaluation, outsider_clerk, criteria, "60", "50")  # given again: replaces

    assert list(Score.objects.order_by("criterion__position").values_list("score", flat=True)) == [60, 50]
    assert Score.objects.restrict(leader_user, "view").count() == 2
    assert Score.objects.restrict(clerk_user, "view").count() == 0
    with pytest.raises(EvaluationRefused):  # a criterion once scored stays as published
        services_panel.criterion_add(evaluation=evaluation, by=office_user, name="新增", weight=Decimal(10))
