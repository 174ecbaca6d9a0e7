"""Shared fixtures: hand-made parsed plans, the fixture documents, and users of every role."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from reformtrack.ingest.model import Chapter, Item, Measure, ParsedPlan, Target
from reformtrack.ingest.notes import Note, NoteCode
from reformtrack.ingest.reasons import Reason, ReasonCode

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from reformtrack.ledger.models import Plan, Project, Unit

FIXTURES = Path(__file__).parent / "cli" / "fixtures"

MakePlan = Callable[..., ParsedPlan]
MakeUser = Callable[..., "User"]

# The units of the role fixtures: the clerk's and unit lead's unit leads measures in make_parsed_plan.
CLERK_UNIT = "区经济促进局"
COUNIT_UNIT = "区科技创新局"
OUTSIDER_UNIT = "区司法局"


def make_parsed_plan(
    *,
    title: str = "深圳市罗湖区全面推进改革创新总体方案（2013—2015年）",
    chapters: int = 2,
    projects: int = 2,
    measures: int = 2,
    children: int = 1,
    lead_units: tuple[str, ...] = ("区发改局", "区财政局"),
    co_units: tuple[str, ...] = ("各街道办事处",),
    text: str = "",
) -> ParsedPlan:
    """A parsed plan as ingest would give it, with every kind of data the ledger stores.

    ``chapters`` chapters of ``projects`` projects, each with ``measures`` measures, one target,
    ``children`` sub-items and the given units; the first project of each chapter needs review.
    """
    plan = ParsedPlan(
        title=title,
        doc_number="罗发〔2013〕3号",
        issued=dt.date(2013, 5, 20),
        period_start=2013,
        period_end=2015,
        preamble="为深入推进全区改革创新工作，制定本方案。",
        warnings=[Note(NoteCode.JUNK, {"count": 3})],
        text=text or title,
        source_format="txt",
        source_encoding="utf-8",
    )
    for c in range(1, chapters + 1):
        chapter = Chapter(number=c, title=f"第{c}章的标题", text="章节说明。", is_safeguards=c == chapters)
        for p in range(1, projects + 1):
            item = Item(
                number=p,
                label=f"（{p}）",
                title=f"项目{c}-{p}",
                text=f"项目{c}-{p}的全文。",
                lead_units=list(lead_units),
                co_units=list(co_units),
                deadline=dt.date(2013, 12, 31),
                deadline_text="2013年底前",
                targets=[Target(text="打造2至3个网商集聚区", subject="网商集聚区", min=2, max=3, unit="个")],
                measures=[
                    Measure(
                        text=f"举措{c}-{p}-{m}",
                        lead_units=["区经济促进局"] if m == 1 else [],
                        deadline=dt.date(2014, 6, 30) if m == 1 else None,
                        deadline_text="2014年上半年" if m == 1 else "",
                    )
                    for m in range(1, measures + 1)
                ],
            )
            if p == 1:
                item.flag(Reason(ReasonCode.LOST, {"before": "阳光慈尚", "after": "大爱罗湖"}))
            item.children = [
                Item(
                    number=k,
                    label=f"{k}.",
                    title=f"子项{c}-{p}-{k}",
                    text="子项全文。",
                    level=2,
                    lead_units=["区民政局"],
                    measures=[Measure(text=f"子项举措{c}-{p}-{k}")],
                )
                for k in range(1, children + 1)
            ]
            chapter.items.append(item)
        plan.chapters.append(chapter)
    return plan


@pytest.fixture
def make_plan() -> MakePlan:
    """The factory :func:`make_parsed_plan`."""
    return make_parsed_plan


@pytest.fixture
def fixtures_dir() -> Path:
    """The folder of small plan documents the CLI tests run the real pipeline on."""
    return FIXTURES


@pytest.fixture
def store_plan(db: None) -> Callable[..., Plan]:
    """Import a hand-made plan: ``store_plan(b"source bytes", chapters=…, …)``."""
    from reformtrack.ledger.services import plan_import

    def store(source: bytes = b"plan", **kwargs: Any) -> Plan:
        return plan_import(parsed=make_parsed_plan(**kwargs), source_bytes=source, filename="plan.txt")

    return store


def create_user(
    role: str | None,
    unit: Unit | str | None = None,
    *,
    username: str | None = None,
    password: str | None = None,
    name: str = "",
) -> User:
    """A user with a profile of ``role`` (a ``Role`` value; ``None``: no profile) acting for ``unit``.

    ``unit`` is a unit or a unit name (created when new). Without ``password`` the password is
    unusable: log in with ``client.force_login``. Usernames default to the role and a number.
    """
    from django.contrib.auth.models import User

    from reformtrack.accounts.models import Profile
    from reformtrack.ledger.models import Unit
    from reformtrack.ledger.units import guess_unit_kind

    if isinstance(unit, str):
        unit = Unit.objects.get_or_create(name=unit, defaults={"kind": guess_unit_kind(unit)})[0]
    if username is None:
        username = f"{role or 'nobody'}{User.objects.count() + 1}"
    user = User.objects.create_user(username, password=password, first_name=name or username)
    if role is not None:
        Profile.objects.create(user=user, role=role, unit=unit)
    return user


@pytest.fixture
def make_user(db: None) -> MakeUser:
    """The factory :func:`create_user`: ``make_user(Role.CLERK, "区民政局")``."""
    return create_user


@pytest.fixture
def office_user(db: None) -> User:
    """A coordinating office account (区委（政府）办): manages everything."""
    return create_user("office", username="office")


@pytest.fixture
def leader_user(db: None) -> User:
    """A district leader (区领导): reads everything, edits the projects they are leader of."""
    return create_user("leader", username="leader")


@pytest.fixture
def supervision_user(db: None) -> User:
    """The supervision office (督查室): reads everything."""
    return create_user("supervision", username="supervision")


@pytest.fixture
def clerk_user(db: None) -> User:
    """The clerk (联络员) of 区经济促进局."""
    return create_user("clerk", CLERK_UNIT, username="clerk")


@pytest.fixture
def unit_lead_user(db: None) -> User:
    """The reform lead (改革分管领导) of 区经济促进局."""
    return create_user("unit_lead", CLERK_UNIT, username="unit_lead")


@pytest.fixture
def counit_user(db: None) -> User:
    """Staff of 区科技创新局, a co-unit."""
    return create_user("counit", COUNIT_UNIT, username="counit")


@pytest.fixture
def outsider_clerk(db: None) -> User:
    """The clerk of 区司法局, a unit with no part in the fixture plans."""
    return create_user("clerk", OUTSIDER_UNIT, username="outsider")


AttachWork = Callable[["Project", "User"], tuple[int, int]]


@pytest.fixture
def attach_work(db: None) -> AttachWork:
    """Work people did on a project: a progress report of its lead unit and a supervision order to
    it; returns their ids (the tests of a revised document check that they stay attached)."""
    from reformtrack.reporting.models import ProgressReport, ReportingCycle
    from reformtrack.supervision.models import SupervisionOrder

    def attach(project: Project, office: User) -> tuple[int, int]:
        unit = project.units.first()
        assert unit is not None, project
        cycle, _ = ReportingCycle.objects.get_or_create(
            plan=project.plan,
            name="月报",
            defaults={"start": dt.date(2014, 1, 1), "end": dt.date(2014, 12, 31)},
        )
        report = ProgressReport.objects.create(
            cycle=cycle,
            period_start=dt.date(2014, 3, 1),
            period_end=dt.date(2014, 3, 31),
            project=project,
            unit=unit,
        )
        order = SupervisionOrder.objects.create(
            year=2014,
            sequence=SupervisionOrder.objects.count() + 1,
            issued_by=office,
            issuing_office="coordinating",
            unit=unit,
            project=project,
            reason="进度滞后",
            requirements="限期整改",
            response_due=dt.date(2014, 7, 1),
            grade="blue",
        )
        return report.pk, order.pk

    return attach
