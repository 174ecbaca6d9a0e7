"""The office sets a year's scheme; a stale form and a published year are refused."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from reformtrack.appraisal.components import REGISTRY, Component, offered
from reformtrack.appraisal.errors import AppraisalError
from reformtrack.appraisal.services import appraisal_compute, appraisal_publish, scheme_create, scheme_update

from .conftest import AS_OF, WEIGHTS, Small

NEW = {**WEIGHTS, "reports_on_time": 20, "review_outcomes": 20, "evaluation_results": 0}


def test_a_saved_scheme_is_recorded_with_who_saved_it(small: Small, office_user: User) -> None:
    scheme = scheme_update(
        scheme=small.scheme, weights=NEW, bonus_cap=Decimal(3), appeal_days=5, version=1, by=office_user
    )

    # components left out of the form are stored at 0 (off)
    turned_on = {key: weight for key, weight in scheme.weights.items() if weight}
    expected = {key: weight for key, weight in NEW.items() if weight}
    assert (turned_on, scheme.bonus_cap, scheme.appeal_days, scheme.version) == (expected, Decimal(3), 5, 2)
    assert scheme.history.latest("history_date").history_user == office_user


def test_a_stale_save_and_a_published_year_are_refused(small: Small, office_user: User) -> None:
    scheme_update(
        scheme=small.scheme, weights=NEW, bonus_cap=Decimal(3), appeal_days=5, version=1, by=office_user
    )
    with pytest.raises(AppraisalError):
        scheme_update(
            scheme=small.scheme,
            weights=WEIGHTS,
            bonus_cap=Decimal(4),
            appeal_days=5,
            version=1,
            by=office_user,
        )

    appraisal_publish(run=appraisal_compute(scheme=small.scheme, by=office_user, as_of=AS_OF), by=office_user)
    with pytest.raises(AppraisalError):
        scheme_update(
            scheme=small.scheme, weights=NEW, bonus_cap=Decimal(4), appeal_days=5, version=2, by=office_user
        )


def test_only_the_office_sets_schemes_and_components_not_offered_stay_off(
    small: Small, office_user: User, leader_user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a component whose data do not exist yet (every real one is offered once its app lands)
    monkeypatch.setitem(
        REGISTRY, "not_yet", Component(key="not_yet", name=_("Not yet"), rule=_("Not yet"), offered=False)
    )
    with pytest.raises(PermissionDenied):
        scheme_create(year=2015, by=leader_user)
    with pytest.raises(AppraisalError):
        scheme_update(
            scheme=small.scheme,
            weights={**WEIGHTS, "not_yet": 10},
            bonus_cap=Decimal(3),
            appeal_days=5,
            version=1,
            by=office_user,
        )
    assert set(scheme_create(year=2015, by=office_user).weights) == {component.key for component in offered()}
    assert "not_yet" not in scheme_create(year=2016, by=office_user).weights
