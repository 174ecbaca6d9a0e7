"""The eligibility check is a pure function; each failed rule is a reason shown in Chinese."""

from __future__ import annotations

import datetime as dt

from django.utils import translation

from reformtrack.award.eligibility import (
    NominationFacts,
    ProjectFacts,
    ReasonCode,
    check_eligibility,
    reason_text,
)

OPENS, CLOSES = dt.date(2026, 3, 1), dt.date(2026, 3, 31)
GOOD_PROJECT = ProjectFacts(title="商事登记制度改革", led_by_unit=True, has_progress=True)


def _facts(**changes: object) -> NominationFacts:
    values: dict[str, object] = {
        "submitted_on": dt.date(2026, 3, 15),
        "opens": OPENS,
        "closes": CLOSES,
        "place_in_unit": 1,
        "quota": 2,
        "statement": "做法与成效。",
        "projects": [GOOD_PROJECT],
    }
    values.update(changes)
    return NominationFacts(**values)  # type: ignore[arg-type]


def _codes(facts: NominationFacts) -> list[str]:
    return [reason["code"] for reason in check_eligibility(facts)]


def test_a_complete_nomination_in_time_is_eligible() -> None:
    assert check_eligibility(_facts()) == []


def test_the_window_counts_its_first_and_last_day() -> None:
    assert _codes(_facts(submitted_on=OPENS)) == []
    assert _codes(_facts(submitted_on=CLOSES)) == []
    assert _codes(_facts(submitted_on=CLOSES + dt.timedelta(days=1))) == [ReasonCode.OUT_OF_WINDOW]
    assert _codes(_facts(submitted_on=None)) == [ReasonCode.OUT_OF_WINDOW]


def test_a_project_the_unit_does_not_lead_is_named() -> None:
    other = ProjectFacts(title="预算公开改革", led_by_unit=False, has_progress=True)

    reasons = check_eligibility(_facts(projects=[GOOD_PROJECT, other]))

    assert reasons == [{"code": "not_lead", "params": {"project": "预算公开改革"}}]


def test_no_project_and_no_progress_are_refused() -> None:
    idle = ProjectFacts(title="预算公开改革", led_by_unit=True, has_progress=False)

    assert _codes(_facts(projects=[])) == [ReasonCode.NO_PROJECT]
    assert _codes(_facts(projects=[idle])) == [ReasonCode.NO_PROGRESS]
    assert _codes(_facts(projects=[idle, GOOD_PROJECT])) == []


def test_the_nomination_past_the_units_quota_is_refused() -> None:
    assert _codes(_facts(place_in_unit=2)) == []
    assert _codes(_facts(place_in_unit=3)) == [ReasonCode.OVER_QUOTA]


def test_a_blank_statement_is_refused_and_every_reason_is_given() -> None:
    facts = _facts(statement="  ", place_in_unit=3, submitted_on=dt.date(2026, 4, 1))

    assert _codes(facts) == [ReasonCode.OUT_OF_WINDOW, ReasonCode.OVER_QUOTA, ReasonCode.NO_STATEMENT]


def test_the_reasons_read_in_chinese() -> None:
    reasons = check_eligibility(
        _facts(
            submitted_on=dt.date(2026, 4, 1),
            place_in_unit=3,
            statement="",
            projects=[ProjectFacts(title="预算公开改革", led_by_unit=False, has_progress=False)],
        )
    )

    with translation.override("zh-hans"):
        texts = [reason_text(reason) for reason in reasons]

    assert texts == [
        "未在申报期内提交（2026年3月1日至2026年3月31日）。",
        "本单位不是项目“预算公开改革”的牵头单位。",
        "所关联项目均无已通过的进展填报或进度记录。",
        "超出本单位申报限额（2项）。",
        "未填写申报说明。",
    ]
