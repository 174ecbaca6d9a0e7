"""Applying a revised document: the accepted changes as one amendment, the work kept attached."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from django.core.exceptions import PermissionDenied

from reformtrack.ingest import parse_file
from reformtrack.ingest.model import ParsedPlan
from reformtrack.ledger.errors import AmendmentRefused
from reformtrack.ledger.models import Plan, Project
from reformtrack.ledger.models_amend import Amendment
from reformtrack.ledger.selectors_revision import plan_revision
from reformtrack.ledger.services import plan_import
from reformtrack.ledger.services_revision import revision_apply
from reformtrack.reporting.models import ProgressReport
from reformtrack.supervision.models import SupervisionOrder

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.contrib.auth.models import User

    AttachWork = Callable[[Project, User], tuple[int, int]]  # tests/conftest.py's attach_work

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parents[1] / "cli" / "fixtures"


@pytest.fixture
def plan() -> Plan:
    path = FIXTURES / "revise-before.txt"
    return plan_import(parsed=parse_file(path), source_bytes=path.read_bytes(), filename=path.name)


@pytest.fixture
def revised() -> ParsedPlan:
    return parse_file(FIXTURES / "revise-after.txt")


def apply(plan: Plan, revised: ParsedPlan, by: User, keys: list[str] | None = None) -> Amendment:
    changes = plan_revision(plan, revised).changes
    return revision_apply(
        plan=plan,
        changes_accepted=keys if keys is not None else [change.key for change in changes],
        parsed=revised,
        by=by,
        title="调整方案",
        reason="中期调整",
        decided_on=dt.date(2014, 9, 1),
        expected_keys=[change.key for change in changes],
    )


def live_titles(plan: Plan) -> list[str]:
    return list(Project.objects.filter(plan=plan).order_by("position").values_list("title", flat=True))


def test_everything_applied_leaves_no_difference(plan: Plan, revised: ParsedPlan, office_user: User) -> None:
    amendment = apply(plan, revised, office_user)

    assert amendment.number == 1
    assert plan_revision(plan, revised).changes == []
    assert live_titles(plan) == [
        "精简行政审批事项",
        "推进“互联网+政务服务”",
        "建立市场主体信用体系",
        "推进综合执法改革",
        "深化商事登记制度改革",
        "健全投诉举报处理机制",
        "加强组织领导",
    ]
    dropped = Project.all_objects.get(plan=plan, title="规范中介服务")
    assert dropped.archived_at is not None
    added = Project.objects.get(plan=plan, title="深化商事登记制度改革")
    assert added.label == "（三）" and added.measures.count() == 2
    assert [u.name for u in added.units.all()] == ["罗湖市场监管分局"]


def test_the_work_on_matched_and_dropped_projects_stays_attached(
    plan: Plan, revised: ParsedPlan, office_user: User, attach_work: AttachWork
) -> None:
    work = {
        title: attach_work(Project.objects.get(plan=plan, title=title), office_user)
        for title in ("推进网上审批", "推进综合执法改革", "规范中介服务")
    }
    versions = dict(Project.objects.filter(plan=plan).values_list("pk", "version"))

    apply(plan, revised, office_user)

    for old_title, new_title in (
        ("推进网上审批", "推进“互联网+政务服务”"),
        ("推进综合执法改革", "推进综合执法改革"),
        ("规范中介服务", "规范中介服务"),
    ):
        report, order = work[old_title]
        assert ProgressReport.objects.get(pk=report).project.title == new_title
        assert SupervisionOrder.objects.get(pk=order).project.title == new_title
    moved = Project.objects.get(plan=plan, title="推进综合执法改革")
    assert moved.deadline == dt.date(2015, 6, 30) and moved.deadline_text == "2015年6月底前"
    assert moved.version > versions[moved.pk]


def test_only_the_accepted_changes_are_applied(plan: Plan, revised: ParsedPlan, office_user: User) -> None:
    keys = [c.key for c in plan_revision(plan, revised).changes if c.kind.value in ("added", "retitled")]

    apply(plan, revised, office_user, keys)

    left = sorted(c.kind.value for c in plan_revision(plan, revised).changes)
    assert left == ["deadline_moved", "dropped", "units_changed"]
    assert "规范中介服务" in live_titles(plan)


def test_a_difference_that_changed_meanwhile_stores_nothing(
    plan: Plan, revised: ParsedPlan, office_user: User
) -> None:
    shown = [change.key for change in plan_revision(plan, revised).changes]
    apply(plan, revised, office_user, [key for key in shown if key.startswith("retitled")])
    before = live_titles(plan)

    with pytest.raises(AmendmentRefused):
        revision_apply(
            plan=plan,
            changes_accepted=shown,
            parsed=revised,
            by=office_user,
            title="调整方案",
            reason="中期调整",
            decided_on=dt.date(2014, 9, 1),
            expected_keys=shown,
        )

    assert live_titles(plan) == before
    assert Amendment.objects.filter(plan=plan).count() == 1


def test_nothing_accepted_is_refused(plan: Plan, revised: ParsedPlan, office_user: User) -> None:
    with pytest.raises(AmendmentRefused):
        apply(plan, revised, office_user, [])

    assert not Amendment.objects.filter(plan=plan).exists()


def test_an_unknown_key_is_refused(plan: Plan, revised: ParsedPlan, office_user: User) -> None:
    with pytest.raises(AmendmentRefused):
        apply(plan, revised, office_user, ["retitled:p999999"])


def test_only_the_office_applies(plan: Plan, revised: ParsedPlan, clerk_user: User) -> None:
    with pytest.raises(PermissionDenied):
        apply(plan, revised, clerk_user)

    assert not Amendment.objects.exists()
