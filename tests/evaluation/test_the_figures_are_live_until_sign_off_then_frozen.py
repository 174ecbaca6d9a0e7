"""The evaluation's achievement figures come from the target's recorded actual values: a new value
changes them until the evaluation is signed off; from then on they never move."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from reformtrack.evaluation.models import Evaluation
from reformtrack.evaluation.selectors import figures_of
from reformtrack.ledger.models import Project

from .conftest import conclude, office_evaluate, record_value, self_evaluate

pytestmark = pytest.mark.django_db


def _achievement(evaluation: Evaluation) -> float | None:
    evaluation.refresh_from_db()
    figures = figures_of(evaluation, timezone.localdate())
    return figures.rows[0].achievement


def test_a_new_value_moves_the_figure_until_sign_off_and_not_after(
    evaluation: Evaluation, project: Project, office_user: User, clerk_user: User, client: Client
) -> None:
    assert _achievement(evaluation) is None  # no value recorded yet

    record_value(project, office_user, "1", dt.date(2014, 6, 30))
    first = _achievement(evaluation)
    record_value(project, office_user, "3", dt.date(2014, 12, 31))
    second = _achievement(evaluation)
    assert first is not None and second is not None and second > first

    evaluation = conclude(office_evaluate(self_evaluate(evaluation, clerk_user), office_user), office_user)
    assert evaluation.figures is not None and evaluation.figures["rows"][0]["achievement"] == second

    record_value(project, office_user, "1", dt.date(2015, 6, 30))  # a later, lower value
    frozen = figures_of(Evaluation.objects.get(pk=evaluation.pk), timezone.localdate())
    assert frozen.frozen and frozen.rows[0].achievement == second
    assert frozen.rows[0].latest == "3"
    client.force_login(office_user)
    page = client.get(reverse("evaluation:detail", args=[evaluation.pk])).content.decode()
    shown = page[page.index('data-testid="figure-achievement"') :]
    assert shown.startswith(f'data-testid="figure-achievement">{second:.1f}%')


def test_the_page_shows_the_live_figure_before_sign_off(
    evaluation: Evaluation, project: Project, office_user: User, client: Client
) -> None:
    client.force_login(office_user)
    record_value(project, office_user, "1", dt.date(2014, 6, 30))
    before = _achievement(evaluation)
    record_value(project, office_user, "3", dt.date(2014, 12, 31))
    after = _achievement(evaluation)

    page = client.get(reverse("evaluation:detail", args=[evaluation.pk])).content.decode()

    assert before != after
    assert f'data-testid="figure-achievement">{after:.1f}%' in page
