"""restrict() of the ratings' models: every row for the coordinating office, none for any other role
or an anonymous visitor (the public reads published comments through the selectors)."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User

from reformtrack.ledger.models import Project
from reformtrack.ratings.models import Rating, RatingSettings, SensitiveWord
from reformtrack.ratings.services import settings_of, word_add

from .conftest import Submit

MODELS = (Rating, RatingSettings, SensitiveWord)


def test_the_office_sees_every_row_and_nobody_else_any(
    public_project: Project,
    submit: Submit,
    office_user: User,
    leader_user: User,
    supervision_user: User,
    unit_lead_user: User,
    clerk_user: User,
    counit_user: User,
) -> None:
    submit(public_project, comment="好")
    settings_of()
    word_add(by=office_user, word="骗子")

    for model in MODELS:
        for action in ("view", "change"):
            assert model.objects.restrict(office_user, action).count() == 1, (model, action)
            for user in (
                leader_user,
                supervision_user,
                unit_lead_user,
                clerk_user,
                counit_user,
                AnonymousUser(),
            ):
                assert not model.objects.restrict(user, action).exists(), (model, action, user)
