"""A target's actual values: recorded by the coordinating office, one per date, with source and
evidence; every refusal is one clear message and stores nothing."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import ProtectedError
from pytest_django.fixtures import Settings

from reformtrack.ledger.errors import TargetValueRefused
from reformtrack.ledger.models import Plan, Target, TargetValue
from reformtrack.ledger.services import target_update, target_value_record

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56


@pytest.fixture(autouse=True)
def media_root(settings: Settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media"


@pytest.fixture
def target(store_plan: Callable[..., Plan]) -> Target:
    store_plan(chapters=1, projects=1, children=0, lead_units=("区经济促进局",), co_units=("区科技创新局",))
    return Target.objects.get()


def test_the_office_records_values_with_source_evidence_and_who(
    target: Target, office_user: User, media_root: Path
) -> None:
    target_value_record(target=target, by=office_user, date=dt.date(2013, 6, 30), value=Decimal(1))
    row = target_value_record(
        target=target,
        by=office_user,
        date=dt.date(2013, 12, 31),
        value="2个",
        note="复核",
        source="区经济促进局统计",
        evidence=SimpleUploadedFile("统计表.html", PDF),
    )

    assert [(v.date.month, v.value, v.note) for v in target.values.all()] == [
        (6, Decimal(1), ""),
        (12, Decimal(2), "复核"),
    ]
    assert (row.source, row.entered_by, row.evidence_name, row.evidence_type) == (
        "区经济促进局统计",
        office_user,
        "统计表.html",
        "application/pdf",
    )
    # stored under its content's type, never the name's
    stored = row.evidence.name or ""
    assert stored.startswith(f"targets/{target.pk}/") and stored.endswith(".pdf")
    assert (media_root / stored).read_bytes() == PDF
    assert row.history.first().history_user == office_user


@pytest.mark.parametrize("who", ["clerk_user", "counit_user", "leader_user", "supervision_user"])
def test_only_the_office_records_values(target: Target, who: str, request: pytest.FixtureRequest) -> None:
    with pytest.raises(PermissionDenied):
        target_value_record(
            target=target, by=request.getfixturevalue(who), date=dt.date(2013, 6, 30), value=Decimal(1)
        )
    assert not TargetValue.objects.exists()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("很多", "“很多”不是数字。"),
        ("", "“”不是数字。"),
        ("2.5", "2.5 不是整数，本指标以“个”计数。"),
        (Decimal("NaN"), "“NaN”不是数字。"),
        ("1e30", "“1e30”不是数字。"),
    ],
)
def test_a_value_that_is_not_a_number_is_refused(
    target: Target, office_user: User, value: str | Decimal, message: str
) -> None:
    with pytest.raises(TargetValueRefused) as refused:
        target_value_record(target=target, by=office_user, date=dt.date(2013, 6, 30), value=value)
    assert str(refused.value) == message
    assert not TargetValue.objects.exists()


@pytest.mark.parametrize("day", [dt.date(2012, 12, 31), dt.date(2016, 1, 1)])
def test_a_date_outside_the_plans_years_is_refused(target: Target, office_user: User, day: dt.date) -> None:
    with pytest.raises(TargetValueRefused, match=r"不在方案实施年度（2013—2015年）之内"):
        target_value_record(target=target, by=office_user, date=day, value=Decimal(1))
    assert not TargetValue.objects.exists()


def test_a_second_value_for_a_date_is_refused_and_the_first_kept(
    target: Target, office_user: User, media_root: Path
) -> None:
    target_value_record(target=target, by=office_user, date=dt.date(2013, 6, 30), value=Decimal(1))
    with pytest.raises(TargetValueRefused, match="本指标已录入截至 2013-06-30 的实际值"):
        target_value_record(
            target=target,
            by=office_user,
            date=dt.date(2013, 6, 30),
            value=Decimal(3),
            evidence=SimpleUploadedFile("a.pdf", PDF),
        )
    assert [v.value for v in target.values.all()] == [Decimal(1)]
    assert not (media_root / "targets").exists()


@pytest.mark.parametrize(("name", "content"), [("run.pdf", ELF), ("empty.pdf", b"")])
def test_a_wrong_evidence_file_is_refused_and_nothing_stored(
    target: Target, office_user: User, media_root: Path, name: str, content: bytes
) -> None:
    with pytest.raises(TargetValueRefused, match=name):
        target_value_record(
            target=target,
            by=office_user,
            date=dt.date(2013, 6, 30),
            value=Decimal(1),
            evidence=SimpleUploadedFile(name, content),
        )
    assert not TargetValue.objects.exists()
    assert not (media_root / "targets").exists()


def test_a_value_keeps_the_target_and_its_author_from_deletion(target: Target, office_user: User) -> None:
    target_value_record(target=target, by=office_user, date=dt.date(2013, 6, 30), value=Decimal(1))
    with pytest.raises(ProtectedError):
        target.delete()
    with pytest.raises(ProtectedError):
        office_user.delete()


def test_the_office_sets_the_form_and_baseline(target: Target, office_user: User, clerk_user: User) -> None:
    assert target.form == "range"  # inferred at import from 2至3个
    target_update(
        target=target, by=office_user, form="at_least", baseline="1", baseline_date=dt.date(2012, 12, 31)
    )
    target.refresh_from_db()
    assert (target.form, target.baseline, target.baseline_date) == (
        "at_least",
        Decimal(1),
        dt.date(2012, 12, 31),
    )
    with pytest.raises(TargetValueRefused, match="填写基数须同时填写基数日期"):
        target_update(target=target, by=office_user, form="at_least", baseline="2", baseline_date=None)
    with pytest.raises(PermissionDenied):
        target_update(target=target, by=clerk_user, form="exact", baseline=None, baseline_date=None)


def test_money_typed_with_wan_is_stored_in_the_targets_unit(target: Target, office_user: User) -> None:
    Target.objects.filter(pk=target.pk).update(unit="亿元", min_value=5, max_value=None, form="at_least")
    target.refresh_from_db()

    row = target_value_record(target=target, by=office_user, date=dt.date(2014, 6, 30), value="3000万元")

    assert row.value == Decimal("0.3")


def test_a_reports_kept_file_is_copied_as_the_values_evidence(
    target: Target, office_user: User, media_root: Path
) -> None:
    kept = File(io.BytesIO(PDF), name="会议纪要.pdf")  # as reporting hands over its evidence file

    row = target_value_record(
        target=target, by=office_user, date=dt.date(2014, 6, 30), value=2, evidence=kept
    )

    assert (row.evidence_name, row.evidence_type) == ("会议纪要.pdf", "application/pdf")
    assert (media_root / (row.evidence.name or "")).read_bytes() == PDF
