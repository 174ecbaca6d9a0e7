"""A small programme with a row of every scoped kind for every way a role can reach it, and the
scoping rules as they were before ``restrict()`` (commit e0e9fb2), to hold the moved rules to.

:func:`build_world` can run more than once in a test (each call adds its own plans, reports,
orders, bulletins and jobs), so a test can count queries on a small and on a larger world.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Exists, OuterRef, Q, QuerySet

from reformtrack.accounts.choices import UNIT_ROLES, Role
from reformtrack.accounts.permissions import can_manage_programme, role_of
from reformtrack.cases import services as cases
from reformtrack.cases.models import Case
from reformtrack.cases.permissions import can_view_case
from reformtrack.evaluation.models import Criterion, Evaluation, ReviewerAssignment, Score
from reformtrack.ingest.model import ParsedPlan
from reformtrack.jobs.choices import JobKind
from reformtrack.jobs.models import Job
from reformtrack.jobs.services import job_create
from reformtrack.ledger.choices import UnitRole
from reformtrack.ledger.models import Plan, Project, ProjectUnit, Unit
from reformtrack.ledger.permissions import acting_units
from reformtrack.ledger.services_import import plan_import
from reformtrack.ledger.services_units import unit_members_set
from reformtrack.reporting.choices import Frequency
from reformtrack.reporting.models import ProgressReport, ReportingCycle
from reformtrack.reporting.services import report_start
from reformtrack.risk.models import Assessment
from reformtrack.risk.services import assessment_create
from reformtrack.studies.models import Study
from reformtrack.studies.services import study_start
from reformtrack.supervision.choices import BulletinStatus
from reformtrack.supervision.decision_services import decision_record
from reformtrack.supervision.models import Bulletin, Decision, ExtensionRequest, SupervisionOrder
from reformtrack.supervision.services import bulletin_create, extension_request, order_issue

from .restrict_award import build_award_world

AnyUser = AbstractBaseUser | AnonymousUser

# the units of the role fixtures (tests/conftest.py), and two more
CLERK_UNIT = "区经济促进局"
COUNIT_UNIT = "区科技创新局"
OUTSIDER_UNIT = "区司法局"
FINANCE_UNIT = "区财政局"
COLLECTIVE_UNIT = "各街道办事处"
STREET_UNIT = "东门街道办事处"
PERIOD = dt.date(2014, 3, 1)


@dataclass
class World:
    """Who is who: every role of the programme and the edge cases of none."""

    users: dict[str, User]
    make_plan: Callable[..., ParsedPlan]
    create_user: Callable[..., User]


def make_users(create_user: Callable[..., User], make_plan: Callable[..., ParsedPlan]) -> World:
    """One user per role and per way of having none; the street clerk acts for the collective.
    ``create_user`` and ``make_plan`` are the fixtures of tests/conftest.py."""
    users = {
        "office": create_user(Role.OFFICE, username="office"),
        "leader": create_user(Role.LEADER, username="leader"),
        "supervision": create_user(Role.SUPERVISION, username="supervision"),
        "unit_lead": create_user(Role.UNIT_LEAD, CLERK_UNIT, username="unit_lead"),
        "clerk": create_user(Role.CLERK, CLERK_UNIT, username="clerk"),
        "counit": create_user(Role.COUNIT, COUNIT_UNIT, username="counit"),
        "outsider": create_user(Role.CLERK, OUTSIDER_UNIT, username="outsider"),
        "finance_clerk": create_user(Role.CLERK, FINANCE_UNIT, username="finance_clerk"),
        "street_clerk": create_user(Role.CLERK, STREET_UNIT, username="street_clerk"),
        "no_profile": create_user(None, username="no_profile"),
        "inactive": create_user(Role.CLERK, CLERK_UNIT, username="inactive"),
    }
    users["inactive"].is_active = False
    users["inactive"].save()
    users["superuser"] = User.objects.create_superuser("root", password=None)
    users["staff"] = User.objects.create_user("staff", is_staff=True)
    return World(users=users, make_plan=make_plan, create_user=create_user)


def build_world(world: World, tag: str) -> None:
    """Plans, reports, orders, extension requests, bulletins and jobs reaching each role its own way:
    a project the clerk's unit leads, one it is a co-unit of (and the district leader is leader of),
    one of the street offices' collective. ``tag`` keeps the rows of a second call apart (Chinese:
    it ends a unit's name)."""
    users = world.users
    office = users["office"]

    def plan(name: str, lead: str, co: tuple[str, ...], **kwargs: Any) -> Project:
        parsed = world.make_plan(title=f"{name}{tag}", lead_units=(lead,), co_units=co, **kwargs)
        stored = plan_import(parsed=parsed, source_bytes=f"{name}{tag}".encode(), filename="plan.txt")
        first = stored.projects.filter(level=1).order_by("position").first()
        assert first is not None
        return first

    archive = f"区档案馆{tag}"  # a unit (and its clerk, an account) of this call's own
    world.create_user(Role.CLERK, archive, username=f"archive{tag}")
    own = plan("own", CLERK_UNIT, (COUNIT_UNIT, archive), chapters=1, projects=2, children=1)
    co = plan("co", FINANCE_UNIT, (CLERK_UNIT,), chapters=1, projects=1, children=0)
    street = plan("street", FINANCE_UNIT, (COLLECTIVE_UNIT,), chapters=1, projects=1, children=0)
    unit_members_set(unit=Unit.objects.get(name=COLLECTIVE_UNIT), by=office, members=[_unit(STREET_UNIT)])
    Project.objects.filter(pk=co.pk).update(leader=users["leader"])

    for project, unit, by in (
        (own, CLERK_UNIT, users["clerk"]),
        (co, FINANCE_UNIT, users["finance_clerk"]),
        (street, FINANCE_UNIT, users["finance_clerk"]),
    ):
        report_start(
            cycle=_cycle(project.plan), period_start=PERIOD, project=project, unit=_unit(unit), by=by
        )
    for project, unit in ((own, CLERK_UNIT), (co, FINANCE_UNIT), (street, COLLECTIVE_UNIT)):
        order_issue(
            by=office,
            unit=_unit(unit),
            project=project,
            reason="进度滞后",
            requirements="限期整改",
            response_due=dt.date(2014, 7, 1),
            grade="blue",
        )
    finance = users["finance_clerk"]
    for project, by in ((own, users["clerk"]), (co, finance), (street, finance)):
        extension_request(by=by, project=project, requested_deadline=dt.date(2014, 6, 30), reasons="需要协调")
    half_year = {"period_start": dt.date(2014, 1, 1), "period_end": dt.date(2014, 6, 30)}
    for status in (BulletinStatus.DRAFT, BulletinStatus.PUBLISHED):
        bulletin = bulletin_create(by=office, title=f"督查通报{tag}", **half_year)
        # straight to the status: issuing and publishing are the supervision tests' business
        Bulletin.objects.filter(pk=bulletin.pk).update(status=status)
    for unit in (CLERK_UNIT, FINANCE_UNIT, COLLECTIVE_UNIT):  # decisions: one about each unit
        decision_record(
            by=office, kind="criticism", unit=_unit(unit), reason="逾期未完成", points=Decimal(-1)
        )
    for owner in ("office", "clerk", "counit", "no_profile"):
        job_create(kind=JobKind.LEDGER_EXPORT, owner=users[owner])
    build_award_world(users, tag)  # the award's rows (restrict_award.py)
    for project in (own, co, street):  # pre-decision studies: one per project
        study_start(project=project, by=office)
    for project in (own, co, street):  # risk: an assessment of each project, by the office
        assessment_create(project=project, by=office)
    _evaluations(world, (own, co, street))
    _cases(world, own=own, co=co, street=street)


def _cases(world: World, *, own: Project, co: Project, street: Project) -> None:
    """Cases (案例库): the clerk's unit's draft and submitted case, 区财政局's approved case and
    its archived draft."""
    users, office = world.users, world.users["office"]
    clerk, finance = users["clerk"], users["finance_clerk"]
    cases.case_create(project=own, by=clerk, title="草稿")
    submitted = cases.case_create(project=own, by=clerk, title="已报送")
    cases.case_submit(case=submitted, by=clerk, version=submitted.version)
    approved = cases.case_create(project=co, by=finance, title="已审定")
    approved = cases.case_submit(case=approved, by=finance, version=approved.version)
    cases.case_approve(case=approved, by=office, version=approved.version)
    archived = cases.case_create(project=street, by=finance, title="已归档")
    cases.case_archive(case=archived, by=office, version=archived.version)


def _evaluations(world: World, projects: tuple[Project, ...]) -> None:
    """An evaluation of each project with a criterion; the user without a profile, as an external
    expert would, scores the last one (its panel sitting)."""
    from decimal import Decimal

    from reformtrack.evaluation import services as evaluation_services
    from reformtrack.evaluation import services_panel

    office, expert = world.users["office"], world.users["no_profile"]
    evaluations = [evaluation_services.evaluation_open(project=project, by=office) for project in projects]
    for evaluation in evaluations:
        services_panel.criterion_add(evaluation=evaluation, by=office, name="目标完成", weight=Decimal(1))
    scored = evaluations[-1]
    services_panel.reviewer_invite(evaluation=scored, by=office, reviewer=expert)
    type(scored).objects.filter(pk=scored.pk).update(status="panel")
    criterion = scored.criteria.get()
    services_panel.scores_submit(
        evaluation=type(scored).objects.get(pk=scored.pk),
        by=expert,
        scores={criterion.pk: (Decimal(80), "")},
        comments="",
    )


def _unit(name: str) -> Unit:
    return Unit.objects.get(name=name)


def _cycle(plan: Plan) -> ReportingCycle:
    return ReportingCycle.objects.create(
        plan=plan,
        name="2014年月度进展",
        frequency=Frequency.MONTHLY,
        due_day=5,
        grace_days=3,
        start=dt.date(2014, 1, 1),
        end=dt.date(2014, 12, 31),
    )


# The rules as the visible_* functions had them before they moved into restrict() (e0e9fb2),
# copied on purpose: the move was to change no rule. Change a rule on purpose, and change it here.
_READ_ALL = (Role.OFFICE, Role.LEADER, Role.SUPERVISION)


def old_visible_projects(user: AnyUser) -> QuerySet[Project]:
    role = role_of(user)
    if role in _READ_ALL:
        return Project.objects.all()
    if role in UNIT_ROLES:
        links = ProjectUnit.objects.filter(project=OuterRef("pk"), unit__in=acting_units(user))
        return Project.objects.filter(Exists(links))
    return Project.objects.none()


def old_visible_units(user: AnyUser) -> QuerySet[Unit]:
    role = role_of(user)
    if role in _READ_ALL:
        return Unit.objects.all()
    if role in UNIT_ROLES:
        shared = ProjectUnit.objects.filter(unit=OuterRef("pk"), project__in=old_visible_projects(user))
        return Unit.objects.filter(Q(pk__in=acting_units(user)) | Exists(shared))
    return Unit.objects.none()


def old_visible_reports(user: AnyUser) -> QuerySet[ProgressReport]:
    role = role_of(user)
    if role in _READ_ALL:
        return ProgressReport.objects.all()
    if role in UNIT_ROLES:
        co_unit = Exists(
            ProjectUnit.objects.filter(
                project=OuterRef("project"), role=UnitRole.CO, unit__in=acting_units(user)
            )
        )
        return ProgressReport.objects.filter(Q(unit__in=acting_units(user)) | co_unit)
    return ProgressReport.objects.none()


def old_visible_orders(user: AnyUser) -> QuerySet[SupervisionOrder]:
    role = role_of(user)
    if role in _READ_ALL:
        return SupervisionOrder.objects.all()
    if role in UNIT_ROLES:
        return SupervisionOrder.objects.filter(unit__in=acting_units(user))
    return SupervisionOrder.objects.none()


def old_visible_extensions(user: AnyUser) -> QuerySet[ExtensionRequest]:
    role = role_of(user)
    if role in _READ_ALL:
        return ExtensionRequest.objects.all()
    if role in UNIT_ROLES:
        projects = Project.objects.filter(project_units__unit__in=acting_units(user))
        return ExtensionRequest.objects.filter(project__in=projects)
    return ExtensionRequest.objects.none()


def old_visible_bulletins(user: AnyUser) -> QuerySet[Bulletin]:
    role = role_of(user)
    if role in _READ_ALL:
        return Bulletin.objects.all()
    if role in UNIT_ROLES:
        return Bulletin.objects.filter(status=BulletinStatus.PUBLISHED)
    return Bulletin.objects.none()


def old_visible_jobs(user: AnyUser) -> QuerySet[Job]:
    role = role_of(user)
    if role == Role.OFFICE:
        return Job.objects.all()
    if role is None:
        return Job.objects.none()
    return Job.objects.filter(owner_id=user.pk)


def old_manageable_accounts(user: AnyUser) -> QuerySet[User]:
    if user.is_authenticated and user.is_active and bool(getattr(user, "is_superuser", False)):
        return User.objects.all()
    if can_manage_programme(user):
        return User.objects.filter(is_superuser=False, is_staff=False)
    return User.objects.none()


def predicate_visible_cases(user: AnyUser) -> QuerySet[Case]:
    """Cases came after restrict(): their list is held to their one-object predicate instead."""
    return Case.objects.filter(pk__in=[case.pk for case in Case.objects.all() if can_view_case(user, case)])


def expected_visible_decisions(user: AnyUser) -> QuerySet[Decision]:
    """Decisions (a rule born with restrict(), so no old function): the offices and the district
    leader read all, unit staff those about their unit (or a collective it belongs to)."""
    role = role_of(user)
    if role in _READ_ALL:
        return Decision.objects.all()
    if role in UNIT_ROLES:
        return Decision.objects.filter(unit__in=acting_units(user))
    return Decision.objects.none()


def old_visible_evaluations(user: AnyUser) -> QuerySet[Evaluation]:
    """A new model's rule has no old one: the evaluations the one-object predicate lets the user see."""
    from reformtrack.evaluation.permissions import can_view_evaluation

    seen = [evaluation.pk for evaluation in Evaluation.objects.all() if can_view_evaluation(user, evaluation)]
    return Evaluation.objects.filter(pk__in=seen)


def old_visible_criteria(user: AnyUser) -> QuerySet[Criterion]:
    return Criterion.objects.filter(evaluation__in=old_visible_evaluations(user))


def old_visible_assignments(user: AnyUser) -> QuerySet[ReviewerAssignment]:
    if role_of(user) in (Role.OFFICE, Role.LEADER, Role.SUPERVISION):
        return ReviewerAssignment.objects.all()
    return ReviewerAssignment.objects.filter(reviewer_id=user.pk)


def old_visible_scores(user: AnyUser) -> QuerySet[Score]:
    return Score.objects.filter(assignment__in=old_visible_assignments(user))


def old_visible_studies(user: AnyUser) -> QuerySet[Study]:
    """Studies came after restrict(): the rule they were written to, the studies of visible projects."""
    return Study.objects.filter(project__in=old_visible_projects(user))


OLD_VIEW_RULES: dict[type[Any], Callable[[AnyUser], QuerySet[Any]]] = {
    Project: old_visible_projects,
    Unit: old_visible_units,
    ProgressReport: old_visible_reports,
    SupervisionOrder: old_visible_orders,
    ExtensionRequest: old_visible_extensions,
    Bulletin: old_visible_bulletins,
    Job: old_visible_jobs,
    User: old_manageable_accounts,
    Case: predicate_visible_cases,
    Decision: expected_visible_decisions,
    Evaluation: old_visible_evaluations,
    Criterion: old_visible_criteria,
    ReviewerAssignment: old_visible_assignments,
    Score: old_visible_scores,
    Study: old_visible_studies,
    # risk: no rule before restrict(); an assessment is seen with its project
    Assessment: lambda user: Assessment.objects.filter(project__in=old_visible_projects(user)),
}
