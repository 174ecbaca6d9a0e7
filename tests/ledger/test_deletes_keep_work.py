"""No delete takes work people did with it: deleting a plan, chapter, project, measure or unit that
holds work is refused (PROTECT, a clear message in the services and the admin) and the work stays;
replacing such a plan is refused with what it would lose."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Model, ProtectedError
from django.test import Client
from django.utils.translation import override
from pytest_django.fixtures import Settings

from reformtrack.ingest.model import ParsedPlan
from reformtrack.ledger.errors import LedgerError, PlanHasWork
from reformtrack.ledger.models import Chapter, Measure, Milestone, Plan, Project, TargetValue, Unit
from reformtrack.ledger.services import (
    milestone_create,
    plan_delete,
    plan_import,
    target_value_record,
    unit_merge,
)
from reformtrack.ledger.work import PlanWork, describe_protected, plan_work_counts
from reformtrack.reminders.models import Delivery, WebhookTarget
from reformtrack.reporting.models import Contribution, Evidence, ProgressReport, ReportingCycle
from reformtrack.reporting.services import contribution_add, cycle_create, evidence_add, report_start
from reformtrack.supervision.models import ExtensionRequest, SupervisionOrder
from reformtrack.supervision.services import extension_request, order_issue

pytestmark = pytest.mark.django_db

MakePlan = Callable[..., ParsedPlan]

CLERK_UNIT = "区经济促进局"  # the unit of the clerk_user fixture
COUNIT_UNIT = "区科技创新局"  # the unit of the counit_user fixture
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SOURCE = b"the plan people work on"


@pytest.fixture(autouse=True)
def media_root(settings: Settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media"


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with override("en"):
        yield


@pytest.fixture
def plan(store_plan: Callable[..., Plan]) -> Plan:
    return store_plan(
        SOURCE,
        chapters=1,
        projects=1,
        children=0,
        measures=1,
        lead_units=(CLERK_UNIT,),
        co_units=(COUNIT_UNIT,),
    )


@pytest.fixture
def worked(plan: Plan, office_user: User, clerk_user: User, counit_user: User) -> Plan:
    """The plan with one row of every kind of work, each written through its service."""
    project = plan.projects.get()
    unit = Unit.objects.get(name=CLERK_UNIT)
    cycle = cycle_create(
        plan=plan,
        by=office_user,
        name="月报",
        frequency="monthly",
        due_day=5,
        grace_days=0,
        start=dt.date(2014, 1, 1),
        end=dt.date(2014, 12, 31),
    )
    report = report_start(
        cycle=cycle, period_start=dt.date(2014, 3, 1), project=project, unit=unit, by=clerk_user
    )
    contribution_add(report=report, by=counit_user, text="配合完成调研")
    evidence_add(report=report, by=clerk_user, upload=SimpleUploadedFile("佐证.pdf", PDF))
    order_issue(
        by=office_user,
        unit=unit,
        project=project,
        measure=project.measures.get(),
        reason="进度滞后",
        requirements="限期整改",
        response_due=dt.date(2014, 7, 1),
        grade="blue",
    )
    extension_request(
        by=clerk_user, project=project, requested_deadline=dt.date(2015, 6, 30), reasons="资金未到位"
    )
    target_value_record(
        target=project.targets.get(), by=office_user, date=dt.date(2014, 6, 30), value=Decimal(2)
    )
    milestone_create(project=project, by=clerk_user, date=dt.date(2014, 9, 30), title="完成方案起草")
    Delivery.objects.create(
        key="k1", kind="report", object_ref="r", due=dt.date(2014, 4, 5), offset=0, channel="in_app",
        recipient=clerk_user, unit=unit, title="催报", body="请按时报送",
    )  # fmt: skip
    return plan


WORK_MODELS: list[type[Model]] = [
    ReportingCycle,
    ProgressReport,
    Contribution,
    Evidence,
    SupervisionOrder,
    ExtensionRequest,
    Delivery,
]


def _work_rows() -> dict[str, int]:
    models: list[type[Model]] = [*WORK_MODELS, TargetValue, Milestone]
    return {model.__name__: model._default_manager.count() for model in models}


def test_it_counts_each_kind_of_work(worked: Plan) -> None:
    assert plan_work_counts(worked) == PlanWork(
        cycles=1,
        reports=1,
        contributions=1,
        evidence=1,
        orders=1,
        extensions=1,
        target_values=1,
        milestones=1,
    )


def test_what_the_import_recorded_is_not_work(plan: Plan) -> None:
    # the import's first status lights and history rows are there, yet nothing counts as work
    assert plan.projects.get().history.exists()
    assert not plan_work_counts(plan)


def test_replace_refuses_a_plan_with_work_and_says_what_it_holds(worked: Plan, make_plan: MakePlan) -> None:
    before = _work_rows()

    with pytest.raises(PlanHasWork) as refused:
        plan_import(parsed=make_plan(), source_bytes=SOURCE, filename="plan.txt", replace=True)

    assert "1 reporting cycle、1 progress report、1 contribution、1 evidence file" in str(refused.value)
    assert "1 supervision order" in str(refused.value)
    assert Plan.objects.get().pk == worked.pk
    assert _work_rows() == before


def test_the_refusal_reads_in_chinese(worked: Plan, make_plan: MakePlan) -> None:
    with override("zh-hans"), pytest.raises(PlanHasWork) as refused:
        plan_import(parsed=make_plan(), source_bytes=SOURCE, filename="plan.txt", replace=True)

    assert "1 个填报周期、1 份进展报告" in str(refused.value)
    assert "1 份督办单" in str(refused.value)


def test_replace_goes_through_once_the_plan_holds_no_work(plan: Plan, make_plan: MakePlan) -> None:
    new = plan_import(parsed=make_plan(), source_bytes=SOURCE, filename="plan.txt", replace=True)

    assert Plan.objects.get() == new != plan


def _target(kind: str, plan: Plan) -> Model:
    if kind == "plan":
        return plan
    if kind == "chapter":
        return Chapter.objects.get(plan=plan)
    if kind == "project":
        return Project.objects.get(plan=plan)
    if kind == "measure":
        return Measure.objects.get(project__plan=plan)
    return Unit.objects.get(name=CLERK_UNIT)


@pytest.mark.parametrize("kind", ["plan", "chapter", "project", "measure", "unit"])
def test_deleting_what_holds_work_is_refused_and_the_work_stays(kind: str, worked: Plan) -> None:
    before = _work_rows()
    assert all(before.values())

    with pytest.raises(ProtectedError), transaction.atomic():
        _target(kind, worked).delete()

    assert _work_rows() == before
    assert plan_work_counts(worked) == plan_work_counts(Plan.objects.get(pk=worked.pk))


def test_the_delete_service_refuses_a_plan_with_work(
    worked: Plan, office_user: User, clerk_user: User
) -> None:
    with pytest.raises(PermissionDenied):
        plan_delete(plan=worked, by=clerk_user)
    with pytest.raises(PlanHasWork):
        plan_delete(plan=worked, by=office_user)

    assert Plan.objects.filter(pk=worked.pk).exists()


def test_the_delete_service_deletes_a_plan_without_work(plan: Plan, office_user: User) -> None:
    plan_delete(plan=plan, by=office_user)

    assert not Plan.objects.exists()
    assert Plan.history.filter(id=plan.pk, history_type="-").get().history_user == office_user


def _admin(office: User) -> Client:
    office.is_staff = True  # the office's account reaches the admin (as `reformtrack demo` makes it)
    office.save()
    client = Client()
    client.force_login(office)
    return client


@pytest.mark.parametrize("kind", ["plan", "unit"])
def test_the_admin_refuses_the_delete_with_a_page_not_an_error(
    kind: str, worked: Plan, office_user: User
) -> None:
    target = _target(kind, worked)
    before = _work_rows()
    client = _admin(office_user)
    url = f"/admin/ledger/{kind}/{target.pk}/delete/"

    shown = client.get(url)
    posted = client.post(url, {"post": "yes"})

    assert shown.status_code == posted.status_code == 200
    # the admin lists the protected work instead of deleting (a report shows as "<project> 2014-03")
    assert "2014-03" in shown.content.decode() and "2014-03" in posted.content.decode()
    assert type(target)._default_manager.filter(pk=target.pk).exists()
    assert _work_rows() == before


def test_the_admin_bulk_delete_refuses_too(worked: Plan, office_user: User) -> None:
    client = _admin(office_user)

    posted: Any = client.post(
        "/admin/ledger/plan/", {"action": "delete_selected", "_selected_action": [worked.pk], "post": "yes"}
    )

    assert posted.status_code == 200
    assert Plan.objects.filter(pk=worked.pk).exists()


def test_a_unit_merge_moves_the_work_first(worked: Plan, office_user: User) -> None:
    clerks, counits = Unit.objects.get(name=CLERK_UNIT), Unit.objects.get(name=COUNIT_UNIT)
    WebhookTarget.objects.create(
        name="经促局工作群", kind="wecom", url="https://example.org/hook", unit=clerks
    )
    into_clerks = Unit.objects.create(name="区经济促进局（合并后）")
    into_counits = Unit.objects.create(name="区科技创新局（合并后）")
    before = _work_rows()
    merged = [clerks.pk, counits.pk]

    unit_merge(source=clerks, into=into_clerks, by=office_user)
    unit_merge(source=counits, into=into_counits, by=office_user)

    assert _work_rows() == before
    # kept, archived, pointing at the unit they became: nothing is deleted
    assert set(Unit.objects.filter(pk__in=merged).values_list("merged_into__name", flat=True)) == {
        into_clerks.name,
        into_counits.name,
    }
    report = ProgressReport.objects.get()
    assert report.unit == into_clerks
    assert Contribution.objects.get().unit == into_counits  # a relation no page shows (related_name "+")
    assert SupervisionOrder.objects.get().unit == into_clerks
    assert ExtensionRequest.objects.get().unit == into_clerks
    assert Delivery.objects.get().unit == into_clerks
    assert WebhookTarget.objects.get().unit == into_clerks
    # the history rows stay as written: they name the unit as it was then, which still exists
    assert ProgressReport.history.filter(unit_id=clerks.pk).exists()
    assert Contribution.history.filter(unit_id=counits.pk).exists()


def test_a_merge_of_two_units_that_reported_the_same_period_is_refused(
    worked: Plan, office_user: User, make_user: Callable[..., User]
) -> None:
    project = worked.projects.get()
    clerks = Unit.objects.get(name=CLERK_UNIT)
    twin = Unit.objects.create(name="区经促局")
    project.project_units.create(unit=twin, role="lead", position=1)
    report_start(
        cycle=ReportingCycle.objects.get(),
        period_start=dt.date(2014, 3, 1),
        project=project,
        unit=twin,
        by=make_user("clerk", twin),
    )
    before = _work_rows()

    with pytest.raises(LedgerError, match="progress report"):
        unit_merge(source=twin, into=clerks, by=office_user)

    assert Unit.objects.filter(pk=twin.pk).exists()
    assert _work_rows() == before
    assert ProgressReport.objects.filter(unit=twin).count() == 1


def test_a_refused_delete_names_the_kinds_of_work(worked: Plan) -> None:
    with pytest.raises(ProtectedError) as refused, transaction.atomic():
        Unit.objects.get(name=CLERK_UNIT).delete()

    message = describe_protected(refused.value)

    assert message.startswith("It cannot be deleted") and "\n" not in message
    assert "progress report × 1" in message and "supervision order × 1" in message
