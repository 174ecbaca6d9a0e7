"""Who sees which appraisal rows: the offices and leaders all, a unit its own once published."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Model

from reformtrack.appraisal.models import Adjustment, Appeal, BonusClaim, Result, Run, Scheme
from reformtrack.appraisal.services import appeal_decide, appeal_submit, appraisal_compute, appraisal_publish

from .conftest import AS_OF, UNIT_A, UNIT_B, Small, by_unit

MODELS: list[type[Model]] = [Scheme, Run, Result, Appeal, Adjustment, BonusClaim]


def _seen(user: User) -> dict[str, set[str]]:
    return {
        "schemes": {str(s.year) for s in Scheme.objects.restrict(user)},
        "runs": {str(r.year) for r in Run.objects.restrict(user)},
        "results": {r.unit.name for r in Result.objects.restrict(user).select_related("unit")},
        "appeals": {a.result.unit.name for a in Appeal.objects.restrict(user).select_related("result__unit")},
        "adjustments": {
            a.result.unit.name for a in Adjustment.objects.restrict(user).select_related("result__unit")
        },
        "claims": {c.unit.name for c in BonusClaim.objects.restrict(user).select_related("unit")},
    }


def test_each_role_sees_its_share_before_and_after_publication(
    small: Small,
    office_user: User,
    leader_user: User,
    supervision_user: User,
    clerk_user: User,
    counit_user: User,
    make_user: Callable[..., User],
) -> None:
    run = appraisal_compute(scheme=small.scheme, by=office_user, as_of=AS_OF)
    for reader in (office_user, leader_user, supervision_user):
        assert _seen(reader)["results"] == set(by_unit(run)), reader
    assert _seen(clerk_user) == {
        "schemes": set(),
        "runs": set(),
        "results": set(),
        "appeals": set(),
        "adjustments": set(),
        "claims": {UNIT_A},
    }

    run = appraisal_publish(run=run, by=office_user)
    lead_b = make_user("unit_lead", UNIT_B, username="lead-b")
    appeal = appeal_submit(result=by_unit(run)[UNIT_B], reasons="理由", by=lead_b)
    appeal_decide(appeal=appeal, upheld=True, points=Decimal(1), reason="核实", by=office_user)

    assert _seen(clerk_user) == {
        "schemes": {"2014"},
        "runs": {"2014"},
        "results": {UNIT_A},
        "appeals": set(),
        "adjustments": set(),
        "claims": {UNIT_A},
    }
    assert _seen(lead_b)["adjustments"] == _seen(lead_b)["appeals"] == {UNIT_B}
    assert _seen(counit_user)["results"] == set()  # its unit leads nothing: not appraised
    assert _seen(supervision_user)["adjustments"] == {UNIT_B}
    for model in MODELS:
        assert not model._default_manager.restrict(AnonymousUser()).exists()  # type: ignore[attr-defined]
