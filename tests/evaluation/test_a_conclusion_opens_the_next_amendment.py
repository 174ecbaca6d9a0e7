"""A conclusion to extend, adjust or stop opens the plan's next amendment through the ledger's
amendment service, its reason naming the conclusion and linking to the evaluation; once only."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from reformtrack.evaluation import services
from reformtrack.evaluation.errors import EvaluationRefused
from reformtrack.evaluation.models import Evaluation
from reformtrack.ledger.models import Amendment

from .conftest import conclude, office_evaluate, self_evaluate

pytestmark = pytest.mark.django_db


def _concluded(evaluation: Evaluation, office: User, clerk: User, conclusion: str) -> Evaluation:
    return conclude(office_evaluate(self_evaluate(evaluation, clerk), office), office, conclusion)


def test_an_adjustment_opens_an_amendment_linked_to_the_evaluation(
    evaluation: Evaluation, office_user: User, clerk_user: User, client: Client
) -> None:
    evaluation = _concluded(evaluation, office_user, clerk_user, "adjust")
    client.force_login(office_user)

    response = client.post(reverse("evaluation:amend", args=[evaluation.pk]))

    amendment = Amendment.objects.get()
    assert response["Location"] == reverse("ledger:amendment_detail", args=[amendment.pk])
    assert amendment.plan_id == evaluation.project.plan_id and amendment.number == 1
    assert (
        "调整完善" in amendment.reason
        and reverse("evaluation:detail", args=[evaluation.pk]) in amendment.reason
    )
    assert Evaluation.objects.get(pk=evaluation.pk).amendment == amendment
    with pytest.raises(EvaluationRefused):
        services.evaluation_amend(evaluation=evaluation, by=office_user)


def test_a_conclusion_to_keep_opens_none(evaluation: Evaluation, office_user: User, clerk_user: User) -> None:
    evaluation = _concluded(evaluation, office_user, clerk_user, "keep")

    with pytest.raises(EvaluationRefused):
        services.evaluation_amend(evaluation=evaluation, by=office_user)
    assert not Amendment.objects.exists()
