"""Every URL of the project, for every role, answers as the access rules say.

The walk takes every pattern from ``get_resolver()``, fills its path parameters with objects of the
right kind — one the user's unit takes part in (``own``) and one it does not (``other``) — and
compares the answer with the explicit table below. A URL added without a row in the table fails
``test_every_url_has_a_row``, so nobody adds a page without deciding who may open it.

Answers: ``LOGIN`` is a redirect to the login page, ``REDIRECT`` any other redirect; the numbers are
status codes. The rules (accounts/permissions.py): anonymous → login; an object the user may not
see → 404, never revealing it exists; visible but not allowed → 403.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from reformtrack.accounts.choices import Role
from reformtrack.imports.models import ImportDraft
from reformtrack.ledger.models import Measure, Milestone, Plan, Project, Tag, TargetValue, Unit, UnitAlias

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.contrib.auth.models import User

    from reformtrack.ingest.model import ParsedPlan

LOGIN = "login"
REDIRECT = "redirect"
ROLES = ("anonymous", "office", "leader", "supervision", "unit_lead", "clerk", "counit", "outsider")

# The unit of the clerk and the unit lead leads the "own" project; the co-unit staff's unit takes part
# in it; the outsider clerk's unit takes part in nothing. The "other" project belongs to 区财政局 alone
# and the district leader is its leader in charge.
OWN_UNIT = "区经济促进局"
COUNIT_UNIT = "区科技创新局"
OTHER_UNIT = "区财政局"


@dataclass(frozen=True)
class Row:
    """One URL (by name), the object its parameters point at, the method, and the answer per role."""

    name: str
    variant: str  # "own", "other" or "" for a URL without parameters
    method: str
    answers: tuple[Any, ...]  # in the order of ROLES

    def __post_init__(self) -> None:
        assert len(self.answers) == len(ROLES), self.name

    @property
    def id(self) -> str:
        return "-".join(part for part in (self.name, self.variant, self.method) if part)


def rows(name: str, method: str = "GET", **variants: tuple[Any, ...]) -> list[Row]:
    """Rows of one URL: ``rows("x", own=(…), other=(…))`` or ``rows("x", plain=(…))``."""
    return [
        Row(name, "" if variant == "plain" else variant, method, answers)
        for variant, answers in variants.items()
    ]


ALL_ROLES_200 = (LOGIN, 200, 200, 200, 200, 200, 200, 200)
OFFICE_ONLY = (LOGIN, 200, 403, 403, 403, 403, 403, 403)
#                          anonymous office leader supervision unit_lead clerk counit outsider
TABLE: list[Row] = [
    *rows(
        "accounts:login", plain=(200, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT)
    ),
    *rows("accounts:logout", "POST", plain=(LOGIN,) * 8),  # LOGOUT_REDIRECT_URL is the login page
    *rows("accounts:password_change", plain=ALL_ROLES_200),
    *rows("accounts:password_change_done", plain=ALL_ROLES_200),
    *rows("set_language", "POST", plain=(REDIRECT,) * 8),
    # The ledger pages: every role reads lists of what it may see.
    *rows("web:dashboard", plain=ALL_ROLES_200),
    *rows("ledger:project_list", plain=ALL_ROLES_200),
    *rows("web:project_export", plain=ALL_ROLES_200),
    *rows("ledger:unit_list", plain=ALL_ROLES_200),
    *rows("web:my_work", plain=ALL_ROLES_200),
    *rows("web:roadmap", plain=ALL_ROLES_200),
    *rows(
        "web:project_detail",
        own=(LOGIN, 200, 200, 200, 200, 200, 200, 404),
        other=(LOGIN, 200, 200, 200, 404, 404, 404, 404),
    ),
    *rows(
        "web:project_print",
        own=(LOGIN, 200, 200, 200, 200, 200, 200, 404),
        other=(LOGIN, 200, 200, 200, 404, 404, 404, 404),
    ),
    *rows(
        "web:project_history",
        own=(LOGIN, 200, 200, 200, 200, 200, 200, 404),
        other=(LOGIN, 200, 200, 200, 404, 404, 404, 404),
    ),
    # Edit: the office; the leader in charge; the lead unit's reform lead and clerk.
    *rows(
        "ledger:project_edit",
        own=(LOGIN, 200, 403, 403, 200, 200, 403, 404),
        other=(LOGIN, 200, 200, 403, 404, 404, 404, 404),
    ),
    *rows(
        "ledger:project_edit",
        "POST",
        own=(LOGIN, 200, 403, 403, 200, 200, 403, 404),
        other=(LOGIN, 200, 200, 403, 404, 404, 404, 404),
    ),
    # Milestones are part of a project's plan: whoever may edit the project schedules them (the
    # office, the leader in charge, the lead unit's reform lead and clerk).
    *rows(
        "ledger:milestone_create",
        own=(LOGIN, 200, 403, 403, 200, 200, 403, 404),
        other=(LOGIN, 200, 200, 403, 404, 404, 404, 404),
    ),
    *rows(
        "ledger:milestone_edit",
        own=(LOGIN, 200, 403, 403, 200, 200, 403, 404),
        other=(LOGIN, 200, 200, 403, 404, 404, 404, 404),
    ),
    *rows(
        "ledger:milestone_done",
        "POST",
        own=(LOGIN, REDIRECT, 403, 403, REDIRECT, REDIRECT, 403, 404),
        other=(LOGIN, REDIRECT, REDIRECT, 403, 404, 404, 404, 404),
    ),
    *rows(
        "ledger:milestone_delete",
        "POST",
        own=(LOGIN, REDIRECT, 403, 403, REDIRECT, REDIRECT, 403, 404),
        other=(LOGIN, REDIRECT, REDIRECT, 403, 404, 404, 404, 404),
    ),
    *rows(
        "ledger:unit_detail",
        own=(LOGIN, 200, 200, 200, 200, 200, 200, 404),
        other=(LOGIN, 200, 200, 200, 404, 404, 404, 404),
    ),
    # Weights, start dates and tags: the coordinating office sets them; a chapter's roll-up is read
    # by whoever sees its projects (an empty form posted by the office is a 400).
    *rows(
        "ledger:project_weights",
        own=(LOGIN, 200, 403, 403, 403, 403, 403, 404),
        other=(LOGIN, 200, 403, 403, 404, 404, 404, 404),
    ),
    *rows(
        "ledger:measure_start",
        own=(LOGIN, 200, 403, 403, 403, 403, 403, 404),
        other=(LOGIN, 200, 403, 403, 404, 404, 404, 404),
    ),
    *rows(
        "ledger:chapter_detail",
        own=(LOGIN, 200, 200, 200, 200, 200, 200, 404),
        other=(LOGIN, 200, 200, 200, 404, 404, 404, 404),
    ),
    *rows(
        "ledger:chapter_detail",
        "POST",
        own=(LOGIN, 400, 403, 403, 403, 403, 403, 404),
        other=(LOGIN, 400, 403, 403, 404, 404, 404, 404),
    ),
    *rows("ledger:tag_list", plain=OFFICE_ONLY),
    *rows("ledger:tag_list", "POST", plain=(LOGIN, 400, 403, 403, 403, 403, 403, 403)),
    *rows("ledger:tag_edit", own=OFFICE_ONLY, other=OFFICE_ONLY),
    # The unit registry's tools: the office only; a unit the user cannot see stays a 404.
    *rows(
        "ledger:unit_merge",
        own=(LOGIN, 200, 403, 403, 403, 403, 403, 404),
        other=(LOGIN, 200, 403, 403, 404, 404, 404, 404),
    ),
    *rows(
        "ledger:unit_merge",
        "POST",
        own=(LOGIN, 200, 403, 403, 403, 403, 403, 404),
        other=(LOGIN, 200, 403, 403, 404, 404, 404, 404),
    ),
    *rows(
        "ledger:unit_rename",
        "POST",
        own=(LOGIN, 400, 403, 403, 403, 403, 403, 404),
        other=(LOGIN, 400, 403, 403, 404, 404, 404, 404),
    ),
    *rows(
        "ledger:unit_alias_add",
        "POST",
        own=(LOGIN, 400, 403, 403, 403, 403, 403, 404),
        other=(LOGIN, 400, 403, 403, 404, 404, 404, 404),
    ),
    *rows(
        "ledger:unit_alias_remove",
        "POST",
        own=(LOGIN, REDIRECT, 403, 403, 403, 403, 403, 404),
        other=(LOGIN, REDIRECT, 403, 403, 404, 404, 404, 404),
    ),
    # The import wizard: the coordinating office only, and a draft only for its owner ("own" is the
    # office user's draft, "other" a colleague's). Nobody else learns whether a draft id exists.
    *rows("imports:index", plain=OFFICE_ONLY),
    *rows("imports:index", "POST", plain=(LOGIN, 400, 403, 403, 403, 403, 403, 403)),
    *rows("imports:draft", own=OFFICE_ONLY, other=(LOGIN, 404, 403, 403, 403, 403, 403, 403)),
    *rows("imports:item_edit", own=OFFICE_ONLY, other=(LOGIN, 404, 403, 403, 403, 403, 403, 403)),
    # an upload whose parse made the draft leads on to it
    *rows("imports:upload", own=(LOGIN, REDIRECT, *(403,) * 6), other=(LOGIN, 404, *(403,) * 6)),
    *rows(
        "imports:item_edit",
        "POST",
        own=(LOGIN, REDIRECT, 403, 403, 403, 403, 403, 403),
        other=(LOGIN, 404, 403, 403, 403, 403, 403, 403),
    ),
    *rows(
        "imports:plan_title",
        "POST",
        own=(LOGIN, REDIRECT, 403, 403, 403, 403, 403, 403),
        other=(LOGIN, 404, 403, 403, 403, 403, 403, 403),
    ),
    *rows(
        "imports:unit_merge",
        "POST",
        own=(LOGIN, REDIRECT, 403, 403, 403, 403, 403, 403),
        other=(LOGIN, 404, 403, 403, 403, 403, 403, 403),
    ),
    # a ledger spreadsheet's draft: its column mapping and rows, a new mapping, a row's correction
    *rows("imports:sheet", own=OFFICE_ONLY, other=(LOGIN, 404, 403, 403, 403, 403, 403, 403)),
    *rows(
        "imports:sheet",
        "POST",
        own=(LOGIN, REDIRECT, 403, 403, 403, 403, 403, 403),
        other=(LOGIN, 404, 403, 403, 403, 403, 403, 403),
    ),
    *rows(
        "imports:sheet_row",
        "POST",
        own=(LOGIN, REDIRECT, 403, 403, 403, 403, 403, 403),
        other=(LOGIN, 404, 403, 403, 403, 403, 403, 403),
    ),
    # a ledger's progress update of a stored plan: uploaded, previewed, applied as the office's
    *rows("imports:progress_upload", plain=OFFICE_ONLY),
    *rows("imports:progress_upload", "POST", plain=(LOGIN, 400, 403, 403, 403, 403, 403, 403)),
    *rows("imports:progress", own=OFFICE_ONLY, other=(LOGIN, 404, 403, 403, 403, 403, 403, 403)),
    *rows(
        "imports:progress",
        "POST",
        own=(LOGIN, REDIRECT, 403, 403, 403, 403, 403, 403),
        other=(LOGIN, 404, 403, 403, 403, 403, 403, 403),
    ),
    *rows("imports:confirm", own=OFFICE_ONLY, other=(LOGIN, 404, 403, 403, 403, 403, 403, 403)),
    *rows(
        "imports:confirm",
        "POST",
        own=(LOGIN, REDIRECT, 403, 403, 403, 403, 403, 403),
        other=(LOGIN, 404, 403, 403, 403, 403, 403, 403),
    ),
    *rows(
        "imports:discard",
        "POST",
        own=(LOGIN, REDIRECT, 403, 403, 403, 403, 403, 403),
        other=(LOGIN, 404, 403, 403, 403, 403, 403, 403),
    ),
    # A revised document of a stored plan: the office uploads it, reviews its difference and applies
    # it; a revision draft only for its owner ("other" is a colleague's).
    *rows("imports:revise", plain=OFFICE_ONLY),
    *rows("imports:revise", "POST", plain=(LOGIN, 400, 403, 403, 403, 403, 403, 403)),
    *rows("imports:revision", own=OFFICE_ONLY, other=(LOGIN, 404, 403, 403, 403, 403, 403, 403)),
    *rows(  # the walk's POST accepts nothing: refused with the form again, and nothing stored
        "imports:revision",
        "POST",
        own=(LOGIN, 400, 403, 403, 403, 403, 403, 403),
        other=(LOGIN, 404, 403, 403, 403, 403, 403, 403),
    ),
    # reporting: progress reports. "own" is the report of the clerk's unit on its project (a draft, with
    # one evidence file; 区科技创新局 is a co-unit), "other" 区财政局's report on its own project. Unit
    # roles read their unit's reports and those of projects their unit is a co-unit of; only the lead
    # unit's reform lead and clerk write; co-units contribute; the office reviews and manages cycles.
    *rows("reporting:my_reports", plain=ALL_ROLES_200),
    *rows("reporting:report_start", "POST", plain=(LOGIN, 403, 403, 403, 400, 400, 403, 400)),
    *rows("reporting:review_queue", plain=OFFICE_ONLY),
    *rows(
        "reporting:report_detail",
        own=(LOGIN, 200, 200, 200, 200, 200, 200, 404),
        other=(LOGIN, 200, 200, 200, 404, 404, 404, 404),
    ),
    *rows(
        "reporting:report_edit",
        own=(LOGIN, 403, 403, 403, 200, 200, 403, 404),
        other=(LOGIN, 403, 403, 403, 404, 404, 404, 404),
    ),
    *rows(  # the one form of texts and evidence files; an anonymous POST is kept for the login
        "reporting:report_edit",
        "POST",
        own=(LOGIN, 403, 403, 403, REDIRECT, REDIRECT, 403, 404),
        other=(LOGIN, 403, 403, 403, 404, 404, 404, 404),
    ),
    # discarding a draft asks first (GET), and acts on a POST carrying "confirm"
    *rows(
        "reporting:report_discard",
        own=(LOGIN, 403, 403, 403, 200, 200, 403, 404),
        other=(LOGIN, 403, 403, 403, 404, 404, 404, 404),
    ),
    *rows(
        "reporting:report_discard",
        "POST",
        own=(LOGIN, 403, 403, 403, REDIRECT, REDIRECT, 403, 404),
        other=(LOGIN, 403, 403, 403, 404, 404, 404, 404),
    ),
    *rows(
        "reporting:contribution_create",
        "POST",
        own=(LOGIN, 403, 403, 403, 403, 403, REDIRECT, 404),
        other=(LOGIN, 403, 403, 403, 404, 404, 404, 404),
    ),
    *rows(  # the office is sent back to the report (a draft cannot be returned: a message says so)
        "reporting:report_review",
        "POST",
        own=(LOGIN, REDIRECT, 403, 403, 403, 403, 403, 404),
        other=(LOGIN, REDIRECT, 403, 403, 404, 404, 404, 404),
    ),
    *rows(
        "reporting:evidence_download",
        own=(LOGIN, 200, 200, 200, 200, 200, 200, 404),
        other=(LOGIN, 200, 200, 200, 404, 404, 404, 404),
    ),
    *rows("reporting:cycle_list", plain=OFFICE_ONLY),
    *rows("reporting:cycle_create", plain=OFFICE_ONLY),
    *rows("reporting:cycle_create", "POST", plain=(LOGIN, 400, 403, 403, 403, 403, 403, 403)),
    *rows("reporting:cycle_edit", own=OFFICE_ONLY, other=OFFICE_ONLY),
    # end of reporting
]

# Django's admin has its own guard (staff accounts only) and its own login page; the role fixtures
# here are not staff, so the admin sends them to its login. Every admin URL for every role, staff
# and superusers included, is walked in test_admin_walk.py.
ADMIN_NAMESPACE = "admin:"
ADMIN_ROWS = rows("admin:index", plain=(REDIRECT,) * 8)

# POST bodies that pass the forms, so that "allowed" shows as the view's success answer.
POST_DATA: dict[str, dict[str, str]] = {
    "imports:item_edit": {"title": "改过的标题"},
    "imports:plan_title": {"title": "改过的方案标题"},
    "imports:unit_merge": {"name": "区发改局", "into": ""},
    "imports:sheet": {"column_0": "project", "column_1": "deadline"},
    "imports:sheet_row": {"deadline": "2014年底前"},
    "set_language": {"language": "en", "next": "/"},
    "reporting:report_edit": {
        "version": "1",
        "reported_status": "on_track",
        "percent_complete": "10",
        "done": "x",
    },
    "reporting:contribution_create": {"text": "配合材料"},
    "reporting:report_discard": {"version": "1", "confirm": "yes"},
    "reporting:report_review": {"action": "return", "version": "1", "comment": "请补充"},
}


def url_patterns() -> Iterator[tuple[str, URLPattern]]:
    """(namespaced name, pattern) of every URL the project answers, admin included."""

    def walk(patterns: list[Any], namespace: str) -> Iterator[tuple[str, URLPattern]]:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                yield from walk(entry.url_patterns, inner)
            elif isinstance(entry, URLPattern):
                yield f"{namespace}{entry.name or entry.lookup_str}", entry

    yield from walk(get_resolver().url_patterns, "")


def test_every_url_has_a_row() -> None:
    covered = {row.name for row in TABLE}
    missing = sorted(
        name for name, _ in url_patterns() if name not in covered and not name.startswith(ADMIN_NAMESPACE)
    )

    assert not missing, f"URLs without a row in the permission table: {missing}"


def test_every_row_is_a_url() -> None:
    names = {name for name, _ in url_patterns()}

    assert not [row.name for row in TABLE if row.name not in names]


def test_the_rows_fill_every_parameter() -> None:
    for name, pattern in url_patterns():
        if name.startswith(ADMIN_NAMESPACE):
            continue
        variants = {row.variant for row in TABLE if row.name == name}
        parameters = set(pattern.pattern.converters)
        assert variants == ({"own", "other"} if parameters else {""}), name
        assert parameters <= set(PARAMETERS), (name, parameters)


@dataclass
class World:
    """The objects the walk fills parameters with, by variant."""

    projects: dict[str, Project]
    milestones: dict[str, Milestone]
    units: dict[str, Unit]
    drafts: dict[str, ImportDraft]
    reporting: dict[str, dict[str, int]]  # reporting: "report", "evidence", "cycle" pk by variant
    measures: dict[str, Measure]
    tags: dict[str, Tag]


def _plan(make_plan: Callable[..., ParsedPlan], source: bytes, lead: str, co: tuple[str, ...]) -> Plan:
    from reformtrack.ledger.services import plan_import

    parsed = make_plan(chapters=1, projects=1, children=0, measures=0, lead_units=(lead,), co_units=co)
    return plan_import(parsed=parsed, source_bytes=source, filename="plan.txt")


@pytest.fixture
def world(
    db: None,
    make_plan: Callable[..., ParsedPlan],
    office_user: User,
    leader_user: User,
    make_user: Any,
    settings: Any,
    tmp_path: Any,
) -> World:
    own = _plan(make_plan, b"own", OWN_UNIT, (COUNIT_UNIT,)).projects.get()
    other = _plan(make_plan, b"other", OTHER_UNIT, ()).projects.get()
    Project.objects.filter(pk=other.pk).update(leader=leader_user)
    milestones = {
        variant: Milestone.objects.create(project=project, date=dt.date(2014, 6, 30), title="出台实施方案")
        for variant, project in (("own", own), ("other", other))
    }
    colleague = make_user(Role.OFFICE, username="colleague")
    parsed = make_plan().to_dict()
    drafts = {
        variant: ImportDraft.objects.create(
            owner=owner, filename="plan.txt", sha256=variant * 8, size=4, content=b"plan", parsed=parsed
        )
        for variant, owner in (("own", office_user), ("other", colleague))
    }
    return World(
        projects={"own": own, "other": other},
        milestones=milestones,
        units={"own": Unit.objects.get(name=OWN_UNIT), "other": Unit.objects.get(name=OTHER_UNIT)},
        drafts=drafts,
        reporting=_reporting_world(own, other, settings, tmp_path),
        measures={
            variant: Measure.objects.create(project=project, text="出台实施方案", position=0)
            for variant, project in (("own", own), ("other", other))
        },
        tags={variant: Tag.objects.create(name=f"标签{variant}") for variant in ("own", "other")},
    )


def _reporting_world(own: Project, other: Project, settings: Any, tmp_path: Any) -> dict[str, dict[str, int]]:
    from django.core.files.base import ContentFile

    from reformtrack.reporting.models import Evidence, ProgressReport, ReportingCycle

    settings.MEDIA_ROOT = tmp_path / "media"
    found: dict[str, dict[str, int]] = {}
    for variant, project, unit in (("own", own, OWN_UNIT), ("other", other, OTHER_UNIT)):
        cycle = ReportingCycle.objects.create(
            plan=project.plan, name="月报", start=dt.date(2014, 1, 1), end=dt.date(2014, 12, 31)
        )
        report = ProgressReport.objects.create(
            cycle=cycle,
            period_start=dt.date(2014, 3, 1),
            period_end=dt.date(2014, 3, 31),
            project=project,
            unit=Unit.objects.get(name=unit),
        )
        evidence = Evidence(
            report=report, original_name="a.pdf", content_type="application/pdf", size=5, sha256="0" * 64
        )
        evidence.file.save("a", ContentFile(b"%PDF-"), save=True)
        found[variant] = {"report": report.pk, "evidence": evidence.pk, "cycle": cycle.pk}
    return found


def _upload_of(draft: ImportDraft) -> Any:
    """The (parsed) upload that made ``draft``, of the draft's owner."""
    from reformtrack.imports.models import ImportUpload

    upload, _ = ImportUpload.objects.get_or_create(
        draft=draft,
        defaults={"owner": draft.owner, "filename": draft.filename, "sha256": draft.sha256, "size": 4},
    )
    return upload


def _sheet_draft_of(world: World, variant: str) -> ImportDraft:
    """A ledger spreadsheet's draft (one row, its deadline unreadable) of the variant draft's owner."""
    import io

    import openpyxl

    from reformtrack.imports.services_sheet import draft_from_sheet

    draft = world.drafts[variant]
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (["重点任务", "完成时限"], [f"（一）{variant}", "改天"]):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return draft_from_sheet(owner=draft.owner, filename="台账.xlsx", content=out.getvalue())[0]


def _progress_draft_of(world: World, variant: str) -> ImportDraft:
    """A progress update (one row: the variant's project at 50%) of the project's plan, drafted by
    the owner of the variant's draft."""
    import io

    import openpyxl

    from reformtrack.imports.services_progress import progress_draft_create

    draft, project = world.drafts[variant], world.projects[variant]
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (["重点任务", "进度"], [f"{project.label}{project.title}", "50%"]):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return progress_draft_create(
        owner=draft.owner, plan=project.plan, filename=f"进展-{variant}.xlsx", content=out.getvalue()
    )


def _revision_of(world: World, variant: str) -> ImportDraft:
    """A revised document of the "own" project's plan, drafted by the owner of the variant's draft."""
    draft = world.drafts[variant]
    found, _ = ImportDraft.objects.get_or_create(
        owner=draft.owner,
        sha256=f"revision-{variant}",
        defaults={
            "filename": "revised.txt",
            "size": 4,
            "content": b"plan",
            "parsed": draft.parsed,
            "revises": world.projects["own"].plan,
        },
    )
    return found


PARAMETERS: dict[str, Callable[[str, World, str], object]] = {
    # pk means a different kind of object in each app
    "pk": lambda name, world, variant: (
        _sheet_draft_of(world, variant).pk
        if name.startswith("imports:sheet")
        else _progress_draft_of(world, variant).pk
        if name == "imports:progress"
        else world.drafts[variant].pk
        if name.startswith("imports:")
        else world.units[variant].pk
        if name.startswith("ledger:unit_")
        else world.projects[variant].chapter_id
        if name == "ledger:chapter_detail"
        else world.tags[variant].pk
        if name == "ledger:tag_edit"
        else world.reporting[variant][
            "evidence" if "evidence_download" in name else "cycle" if "cycle" in name else "report"
        ]
        if name.startswith("reporting:")
        else world.projects[variant].pk
    ),
    "milestone_pk": lambda name, world, variant: world.milestones[variant].pk,
    "measure_pk": lambda name, world, variant: world.measures[variant].pk,
    "alias_pk": lambda name, world, variant: (
        UnitAlias.objects.get_or_create(
            unit=world.units[variant], name=f"{world.units[variant].name}（别名）"
        )[0].pk
    ),
    "upload_pk": lambda name, world, variant: _upload_of(world.drafts[variant]).pk,
    "revision_pk": lambda name, world, variant: _revision_of(world, variant).pk,
    "ref": lambda name, world, variant: "1-1",
    "row": lambda name, world, variant: 2,
}


# --- supervision (督查督办) ---------------------------------------------------------------------
# "own" order/extension: addressed to (asked by) the clerk's unit about the "own" project; "other":
# to 区财政局 about the "other" project. The co-unit staff see the own project but not its orders.
ISSUERS_200 = (LOGIN, 200, 403, 200, 403, 403, 403, 403)
TABLE += [
    *rows("supervision:order_list", plain=ALL_ROLES_200),
    *rows("supervision:order_issue", plain=ISSUERS_200),
    *rows("supervision:order_issue", "POST", plain=(LOGIN, 400, 403, 400, 403, 403, 403, 403)),
    *rows(
        "supervision:order_detail",
        own=(LOGIN, 200, 200, 200, 200, 200, 404, 404),
        other=(LOGIN, 200, 200, 200, 404, 404, 404, 404),
    ),
    *rows(
        "supervision:order_respond",
        own=(LOGIN, 403, 403, 403, 200, 200, 404, 404),
        other=(LOGIN, 403, 403, 403, 404, 404, 404, 404),
    ),
    *rows(
        "supervision:order_respond",
        "POST",
        own=(LOGIN, 403, 403, 403, REDIRECT, REDIRECT, 404, 404),
        other=(LOGIN, 403, 403, 403, 404, 404, 404, 404),
    ),
    # 销号 and 编号签发 ask first: a GET page says what happens, its POST carries "confirm".
    *rows(
        "supervision:order_close",
        own=(LOGIN, 200, 403, 200, 403, 403, 404, 404),
        other=(LOGIN, 200, 403, 200, 404, 404, 404, 404),
    ),
    # whoever reads an order prints it
    *rows(
        "supervision:order_docx",
        own=(LOGIN, 200, 200, 200, 200, 200, 404, 404),
        other=(LOGIN, 200, 200, 200, 404, 404, 404, 404),
    ),
    *rows(
        "supervision:order_close",
        "POST",
        own=(LOGIN, REDIRECT, 403, REDIRECT, 403, 403, 404, 404),
        other=(LOGIN, REDIRECT, 403, REDIRECT, 404, 404, 404, 404),
    ),
    *rows(
        "supervision:order_escalate",
        "POST",
        own=(LOGIN, REDIRECT, 403, REDIRECT, 403, 403, 404, 404),
        other=(LOGIN, REDIRECT, 403, REDIRECT, 404, 404, 404, 404),
    ),
    # a file of an order's answer: whoever reads the order
    *rows(
        "supervision:attachment_download",
        own=(LOGIN, 200, 200, 200, 200, 200, 404, 404),
        other=(LOGIN, 200, 200, 200, 404, 404, 404, 404),
    ),
    *rows("supervision:extension_list", plain=ALL_ROLES_200),
    # Asking for an extension: the lead unit's reform lead and clerk.
    *rows(
        "supervision:extension_request",
        own=(LOGIN, 403, 403, 403, 200, 200, 403, 404),
        other=(LOGIN, 403, 403, 403, 404, 404, 404, 404),
    ),
    *rows(
        "supervision:extension_request",
        "POST",
        own=(LOGIN, 403, 403, 403, REDIRECT, REDIRECT, 403, 404),
        other=(LOGIN, 403, 403, 403, 404, 404, 404, 404),
    ),
    # Deciding: the coordinating office.
    *rows(
        "supervision:extension_decide",
        own=(LOGIN, 200, 403, 403, 403, 403, 403, 404),
        other=(LOGIN, 200, 403, 403, 404, 404, 404, 404),
    ),
    *rows(
        "supervision:extension_decide",
        "POST",
        own=(LOGIN, REDIRECT, 403, 403, 403, 403, 403, 404),
        other=(LOGIN, REDIRECT, 403, 403, 404, 404, 404, 404),
    ),
    *rows("supervision:accountability", plain=ISSUERS_200),
    *rows("supervision:accountability_export", plain=ISSUERS_200),
    # Bulletins (通报): "own" is a published bulletin, "other" a draft. The two offices write them;
    # they and the district leader read drafts; every signed-in user reads published ones. An issued
    # bulletin is no longer edited or issued again: the offices are sent back to it with a message.
    *rows("supervision:bulletin_list", plain=ALL_ROLES_200),
    *rows("supervision:bulletin_create", plain=ISSUERS_200),
    *rows("supervision:bulletin_create", "POST", plain=(LOGIN, REDIRECT, 403, REDIRECT, 403, 403, 403, 403)),
    *rows(
        "supervision:bulletin_detail",
        own=ALL_ROLES_200,
        other=(LOGIN, 200, 200, 200, 404, 404, 404, 404),
    ),
    *rows(
        "supervision:bulletin_docx",
        own=ALL_ROLES_200,
        other=(LOGIN, 200, 200, 200, 404, 404, 404, 404),
    ),
    *rows(
        "supervision:bulletin_issue",
        own=(LOGIN, REDIRECT, 403, REDIRECT, 403, 403, 403, 403),
        other=(LOGIN, 200, 403, 200, 404, 404, 404, 404),
    ),
    *rows(
        "supervision:bulletin_edit",
        own=(LOGIN, REDIRECT, 403, REDIRECT, 403, 403, 403, 403),
        other=(LOGIN, 200, 403, 200, 404, 404, 404, 404),
    ),
    *(
        row
        for name in (
            "supervision:bulletin_edit",
            "supervision:bulletin_issue",
            "supervision:bulletin_regenerate",
            "supervision:bulletin_publish",
        )
        for row in rows(
            name,
            "POST",
            own=(LOGIN, REDIRECT, 403, REDIRECT, 403, 403, 403, 403),
            other=(LOGIN, REDIRECT, 403, REDIRECT, 404, 404, 404, 404),
        )
    ),
]
POST_DATA.update(
    {
        "supervision:order_respond": {"text": "已按要求整改。"},
        "supervision:order_escalate": {"reason": "逾期未整改"},
        "supervision:extension_request": {"requested_deadline": "2030-12-31", "reasons": "征地未完成"},
        "supervision:extension_decide": {"decision": "approve", "comment": ""},
        "supervision:bulletin_create": {
            "title": "全面深化改革工作督查通报",
            "period_start": "2014-01-01",
            "period_end": "2014-03-31",
        },
        "supervision:bulletin_edit": {"version": "1", "title": "改过的通报"},
        "supervision:bulletin_issue": {"version": "1", "confirm": "yes"},
        "supervision:order_close": {"confirm": "yes"},
        "supervision:bulletin_regenerate": {"version": "1"},
    }
)


def _office() -> User:
    from django.contrib.auth.models import User

    return User.objects.get(username="office")


def _supervision_order(world: World, variant: str) -> int:
    from reformtrack.supervision.models import SupervisionOrder

    project = world.projects[variant]
    found = SupervisionOrder.objects.filter(project=project).first()
    if found is None:
        found = SupervisionOrder.objects.create(
            year=2014,
            sequence=SupervisionOrder.objects.count() + 1,
            issued_by=_office(),
            issuing_office="coordinating",
            unit=world.units[variant],
            project=project,
            reason="进度滞后",
            requirements="限期整改",
            response_due=dt.date(2014, 7, 1),
            grade="blue",
        )
    return found.pk


def _attachment(world: World, variant: str) -> int:
    from django.core.files.base import ContentFile

    from reformtrack.supervision.models import OrderAttachment

    order = _supervision_order(world, variant)
    found = OrderAttachment.objects.filter(order_id=order).first()
    if found is None:
        found = OrderAttachment(
            order_id=order,
            original_name="整改报告.pdf",
            content_type="application/pdf",
            size=5,
            sha256="a" * 64,
        )
        found.uploaded_by = _office()
        found.file.save("a.pdf", ContentFile(b"%PDF-"), save=True)
    return found.pk


def _extension(world: World, variant: str) -> int:
    from reformtrack.supervision.models import ExtensionRequest

    project = world.projects[variant]
    found = ExtensionRequest.objects.filter(project=project).first()
    if found is None:
        found = ExtensionRequest.objects.create(
            project=project,
            unit=world.units[variant],
            requested_by=_office(),
            original_deadline=project.deadline,
            requested_deadline=dt.date(2030, 12, 31),
            reasons="征地未完成",
        )
    return found.pk


def _bulletin(variant: str) -> int:
    from reformtrack.supervision.models import Bulletin

    status = "published" if variant == "own" else "draft"
    found = Bulletin.objects.filter(status=status).first()
    if found is None:
        found = Bulletin.objects.create(
            title=f"通报 {variant}",
            period_start=dt.date(2014, 1, 1),
            period_end=dt.date(2014, 3, 31),
            status=status,
            created_by=_office(),
            **({"year": 2014, "sequence": 1} if variant == "own" else {}),
        )
    return found.pk


PARAMETERS.update(
    {
        "order_pk": lambda name, world, variant: _supervision_order(world, variant),
        "extension_pk": lambda name, world, variant: _extension(world, variant),
        "bulletin_pk": lambda name, world, variant: _bulletin(variant),
        "attachment_pk": lambda name, world, variant: _attachment(world, variant),
    }
)
# --- end of supervision -------------------------------------------------------------------------


# --- reminders (催办 / 提醒) ----------------------------------------------------------------------
# Everyone signed in reads their own notifications; "own" is the clerk's notification, "other" the
# office's: anybody else's answers 404. The delivery log is the coordinating office's.
TABLE += [
    *rows("reminders:notifications", plain=ALL_ROLES_200),
    *rows(
        "reminders:notification_read",
        "POST",
        own=(LOGIN, 404, 404, 404, 404, REDIRECT, 404, 404),
        other=(LOGIN, REDIRECT, 404, 404, 404, 404, 404, 404),
    ),
    *rows("reminders:notifications_read_all", "POST", plain=(LOGIN, *(REDIRECT,) * 7)),
    *rows("reminders:log", plain=OFFICE_ONLY),
    # everyone sets how they hear of events, their own only (the address names nobody); an empty
    # POST is a refused form shown again
    *rows("reminders:preferences", plain=ALL_ROLES_200),
    *rows("reminders:preferences", "POST", plain=ALL_ROLES_200),
]


def _notification(world: World, variant: str) -> int:
    from django.contrib.auth.models import User

    from reformtrack.reminders.models import Notification

    # the clerk exists when the walk runs as the clerk (its fixture ran first); else it is made here
    owner = User.objects.get_or_create(username="clerk")[0] if variant == "own" else _office()
    found = Notification.objects.filter(recipient=owner).first()
    if found is None:
        found = Notification.objects.create(
            recipient=owner, title="【催办】", body="【催办】", url="/reports/"
        )
    return found.pk


_pk_of_other_apps = PARAMETERS["pk"]
PARAMETERS["pk"] = lambda name, world, variant: (
    _notification(world, variant)
    if name.startswith("reminders:")
    else _pk_of_other_apps(name, world, variant)
)
# --- end of reminders ---------------------------------------------------------------------------

# --- status lights (红黄绿灯) -------------------------------------------------------------------
# A plan's rules: everyone with a role reads them (a unit should know what its lights are judged
# by), the coordinating office changes them. "own"/"other" are the plans of the two projects.
TABLE += [
    *rows("status:rules", own=ALL_ROLES_200, other=ALL_ROLES_200),
    *rows(
        "status:rules",
        "POST",
        own=(LOGIN, REDIRECT, 403, 403, 403, 403, 403, 403),
        other=(LOGIN, REDIRECT, 403, 403, 403, 403, 403, 403),
    ),
]
POST_DATA["status:rules"] = {
    "near_days": "20",
    "yellow_behind_points": "10",
    "red_behind_points": "30",
    "yellow_report_problems": "1",
    "red_report_problems": "3",
    "overdue_milestone_yellow": "on",
    "report_periods": "3",
    "target_behind_points": "10",
}
PARAMETERS["plan_pk"] = lambda name, world, variant: world.projects[variant].plan_id
# --- end of status lights -----------------------------------------------------------------------

# --- target actuals (实际值) -------------------------------------------------------------------
# The coordinating office enters a target's values and sets its form and baseline on the project
# page; whoever sees the project downloads a value's evidence file. The walk posts an empty value
# form, which renders the page again with its errors (400); the baseline form says so and goes back.
TABLE += [
    *rows(
        "web:target_value_add",
        "POST",
        own=(LOGIN, 400, 403, 403, 403, 403, 403, 404),
        other=(LOGIN, 400, 403, 403, 404, 404, 404, 404),
    ),
    *rows(
        "web:target_baseline_set",
        "POST",
        own=(LOGIN, REDIRECT, 403, 403, 403, 403, 403, 404),
        other=(LOGIN, REDIRECT, 403, 403, 404, 404, 404, 404),
    ),
    *rows(
        "web:target_evidence",
        own=(LOGIN, 200, 200, 200, 200, 200, 200, 404),
        other=(LOGIN, 200, 200, 200, 404, 404, 404, 404),
    ),
]


def _target_value(world: World, variant: str) -> int:
    """A value of the project's target with an evidence file (made when a row first needs it)."""
    from django.core.files.base import ContentFile

    target = world.projects[variant].targets.get()
    value = TargetValue(target=target, date=dt.date(2014, 6, 30), value=1, evidence_type="application/pdf")
    value.evidence_name = "统计表.pdf"
    value.evidence.save("a.pdf", ContentFile(b"%PDF-"), save=True)
    return value.pk


PARAMETERS["target_pk"] = lambda name, world, variant: world.projects[variant].targets.get().pk
PARAMETERS["value_pk"] = lambda name, world, variant: _target_value(world, variant)
# --- end of target actuals ----------------------------------------------------------------------

# --- background jobs ----------------------------------------------------------------------------
# "own" is a finished job of the clerk, "other" one of the supervision office: a job is its owner's
# and the coordinating office's; to anybody else it does not exist.
TABLE += [
    row
    for name in ("jobs:job_detail", "jobs:job_status", "jobs:job_download")
    for row in rows(
        name,
        own=(LOGIN, 200, 404, 404, 404, 200, 404, 404),
        other=(LOGIN, 200, 404, 200, 404, 404, 404, 404),
    )
] + [
    # the job is done, so the retry is refused with a message on the job's page: a redirect for
    # those who may see it, 404 for everybody else
    *rows(
        "jobs:job_retry",
        "POST",
        own=(LOGIN, REDIRECT, 404, 404, 404, REDIRECT, 404, 404),
        other=(LOGIN, REDIRECT, 404, REDIRECT, 404, 404, 404, 404),
    ),
]


def _job(variant: str) -> int:
    from django.contrib.auth.models import User

    from reformtrack.jobs.models import Job

    # the owner's fixture exists when the walk signs in as the owner; for any other role the job
    # belongs to a stand-in, which answers the same (it is not theirs either)
    name = "clerk" if variant == "own" else "supervision"
    owner = User.objects.filter(username=name).first() or User.objects.create_user(f"{name}-stand-in")
    found = Job.objects.filter(owner=owner).first()
    if found is None:
        found = Job.objects.create(
            kind="ledger_export",
            owner=owner,
            status="done",
            done=1,
            total=1,
            result=b"PK",
            result_name="台账.xlsx",
            result_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    return found.pk


PARAMETERS["job_pk"] = lambda name, world, variant: _job(variant)
# --- end of background jobs ---------------------------------------------------------------------

# --- decisions (表扬与问责决定) -----------------------------------------------------------------
# "own" is a rectification about the clerk's unit, "other" one about 区财政局. The two offices record,
# follow up, close and revoke; they and the district leader read every decision; the unit's staff
# read their unit's, its reform lead and clerk answer it; another unit's is 404. The walk posts a
# valid answer and note (a redirect back to the decision).
DECISION_READERS = (LOGIN, 200, 200, 200, 200, 200, 404, 404)
DECISION_OFFICES = (LOGIN, REDIRECT, 403, REDIRECT, 403, 403, 404, 404)
TABLE += [
    *rows("supervision:decision_list", plain=ALL_ROLES_200),
    *rows("supervision:decision_new", plain=ISSUERS_200),
    *rows("supervision:decision_new", "POST", plain=(LOGIN, 400, 403, 400, 403, 403, 403, 403)),
    *rows(
        "supervision:decision_detail",
        own=DECISION_READERS,
        other=(LOGIN, 200, 200, 200, 404, 404, 404, 404),
    ),
    *rows(
        "supervision:decision_docx",
        own=DECISION_READERS,
        other=(LOGIN, 200, 200, 200, 404, 404, 404, 404),
    ),
    *rows(
        "supervision:decision_file",
        own=DECISION_READERS,
        other=(LOGIN, 200, 200, 200, 404, 404, 404, 404),
    ),
    *rows(
        "supervision:decision_answer",
        "POST",
        own=(LOGIN, 403, 403, 403, REDIRECT, REDIRECT, 404, 404),
        other=(LOGIN, 403, 403, 403, 404, 404, 404, 404),
    ),
    *(
        row
        for name in (
            "supervision:decision_followup",
            "supervision:decision_close",
            "supervision:decision_revoke",
        )
        for row in rows(
            name, "POST", own=DECISION_OFFICES, other=(LOGIN, REDIRECT, 403, REDIRECT, 404, 404, 404, 404)
        )
    ),
]
POST_DATA.update(
    {
        "supervision:decision_new": {"kind": "criticism"},
        "supervision:decision_answer": {"text": "已按要求整改。"},
        "supervision:decision_followup": {"note": "实地督查，整改过半"},
        "supervision:decision_close": {"note": "整改到位"},
        "supervision:decision_revoke": {"note": "误发"},
    }
)


def _decision(world: World, variant: str) -> int:
    from reformtrack.supervision.models import Decision

    unit = world.units[variant]
    found = Decision.objects.filter(unit=unit).first()
    if found is None:
        found = Decision.objects.create(
            year=2014,
            sequence=Decision.objects.count() + 1,
            kind="rectification",
            unit=unit,
            issuing_office="supervision",
            reason="逾期未完成",
            points=-3,
            deadline=dt.date(2030, 12, 31),
            decided_by=_office(),
            decided_on=dt.date(2014, 7, 1),
        )
    return found.pk


def _decision_file(world: World, variant: str) -> int:
    from django.core.files.base import ContentFile

    from reformtrack.supervision.models import DecisionAttachment

    decision = _decision(world, variant)
    found = DecisionAttachment.objects.filter(decision_id=decision).first()
    if found is None:
        found = DecisionAttachment(
            decision_id=decision,
            purpose="evidence",
            original_name="督查记录.pdf",
            content_type="application/pdf",
            size=5,
            sha256="b" * 64,
        )
        found.uploaded_by = _office()
        found.file.save("b.pdf", ContentFile(b"%PDF-"), save=True)
    return found.pk


PARAMETERS["supervision_decision_pk"] = lambda name, world, variant: _decision(world, variant)
PARAMETERS["supervision_decision_file_pk"] = lambda name, world, variant: _decision_file(world, variant)
# --- end of decisions ---------------------------------------------------------------------------


# --- cases -------------------------------------------------------------------------------------
# The case library (改革案例库). "own" is a draft of the clerk's unit about the "own" project: its
# unit and the office see it; "other" is an approved case of 区财政局 about the "other" project,
# which every role reads and nobody edits. Drafting is the project's lead unit's (reform lead and
# clerk); returning, approving, the publication mark and archiving are the office's, whose refused
# steps (a draft cannot be approved) come back to the case's page with a message.
CASES_UNIT_ONLY = (LOGIN, 200, 404, 404, 200, 200, 404, 404)
CASES_OFFICE_ACTS = dict(
    own=(LOGIN, REDIRECT, 404, 404, 403, 403, 404, 404),
    other=(LOGIN, REDIRECT, 403, 403, 403, 403, 403, 403),
)
TABLE += [
    *rows("cases:case_list", plain=ALL_ROLES_200),
    *rows("cases:library_export", plain=ALL_ROLES_200),
    *rows(
        "cases:case_create",
        own=(LOGIN, 403, 403, 403, 200, 200, 403, 404),
        other=(LOGIN, 403, 403, 403, 404, 404, 404, 404),
    ),
    *rows(
        "cases:case_create",
        "POST",
        own=(LOGIN, 403, 403, 403, REDIRECT, REDIRECT, 403, 404),
        other=(LOGIN, 403, 403, 403, 404, 404, 404, 404),
    ),
    *[
        row
        for name in ("cases:case_detail", "cases:case_print", "cases:case_export")
        for row in rows(name, own=CASES_UNIT_ONLY, other=ALL_ROLES_200)
    ],
    *rows("cases:case_edit", own=CASES_UNIT_ONLY, other=(LOGIN, *(403,) * 7)),
    *rows(
        "cases:case_edit",
        "POST",
        own=(LOGIN, REDIRECT, 404, 404, REDIRECT, REDIRECT, 404, 404),
        other=(LOGIN, *(403,) * 7),
    ),
    *rows(
        "cases:case_submit",
        "POST",
        own=(LOGIN, 403, 404, 404, REDIRECT, REDIRECT, 404, 404),
        other=(LOGIN, *(403,) * 7),
    ),
    *rows(
        "cases:case_return",
        own=(LOGIN, 200, 404, 404, 403, 403, 404, 404),
        other=(LOGIN, 200, 403, 403, 403, 403, 403, 403),
    ),
    # the office's comment on a case that is not submitted is refused by the service: the form again
    *rows(
        "cases:case_return",
        "POST",
        own=(LOGIN, 400, 404, 404, 403, 403, 404, 404),
        other=(LOGIN, 400, 403, 403, 403, 403, 403, 403),
    ),
    *[
        row
        for name in ("cases:case_approve", "cases:case_publish", "cases:case_archive")
        for row in rows(name, "POST", **CASES_OFFICE_ACTS)
    ],
]
POST_DATA["cases:case_create"] = {"title": "网商集聚区建设的经验"}
POST_DATA["cases:case_edit"] = {"title": "改过的案例标题", "version": "1"}
POST_DATA["cases:case_submit"] = {"version": "1"}
POST_DATA["cases:case_return"] = {"comment": "请补充成效数据", "version": "1"}
for _name in ("cases:case_approve", "cases:case_publish", "cases:case_archive"):
    POST_DATA[_name] = {"version": "1"}


def _cases_case_of(world: World, variant: str) -> int:
    """The variant's case (made when a row first needs it)."""
    from django.utils import timezone

    from reformtrack.cases.models import Case

    project = world.projects[variant]
    found = Case.objects.filter(project=project).first()
    if found is None:
        approved = variant == "other"
        found = Case.objects.create(
            project=project,
            unit=world.units[variant],
            title=f"案例{variant}",
            background="背景",
            status="approved" if approved else "draft",
            approved_at=timezone.now() if approved else None,
        )
    return found.pk


PARAMETERS["cases_pk"] = lambda name, world, variant: _cases_case_of(world, variant)
PARAMETERS["cases_project_pk"] = lambda name, world, variant: world.projects[variant].pk
# --- end of cases -------------------------------------------------------------------------------


# --- appraisal (绩效考核) ----------------------------------------------------------------------
# "own": the appraisal of 2014, published, its scheme, the result of the clerk's unit (which leads
# the own project), that result's appeal (decided) and bonus claim; "other": the scheme and the
# appraisal of 2015, computed but not published, and the 2014 result, pending appeal and claim of
# 区财政局. The offices and leaders read everything; a unit reads its own result once published.
APPRAISAL_READERS = (LOGIN, 200, 200, 200, 404, 404, 404, 404)
APPRAISAL_OFFICE_ACTS = (LOGIN, REDIRECT, 403, 403, 403, 403, 403, 403)
APPRAISAL_OFFICE_ACTS_HIDDEN = (LOGIN, REDIRECT, 403, 403, 404, 404, 404, 404)
TABLE += [
    *rows("appraisal:index", plain=ALL_ROLES_200),
    *rows("appraisal:scheme_create", "POST", plain=APPRAISAL_OFFICE_ACTS),
    *rows("appraisal:scheme", own=ALL_ROLES_200, other=APPRAISAL_READERS),
    # the published year's scheme is fixed: the office's save is refused and the form shown again
    *rows(
        "appraisal:scheme",
        "POST",
        own=(LOGIN, 400, 403, 403, 403, 403, 403, 403),
        other=APPRAISAL_OFFICE_ACTS_HIDDEN,
    ),
    # computing a published year is refused with a message on the scheme's page
    *rows("appraisal:compute", "POST", own=APPRAISAL_OFFICE_ACTS, other=APPRAISAL_OFFICE_ACTS_HIDDEN),
    *rows("appraisal:run", own=ALL_ROLES_200, other=APPRAISAL_READERS),
    *rows("appraisal:publish", "POST", own=APPRAISAL_OFFICE_ACTS, other=APPRAISAL_OFFICE_ACTS_HIDDEN),
    *rows("appraisal:close", "POST", own=APPRAISAL_OFFICE_ACTS, other=APPRAISAL_OFFICE_ACTS_HIDDEN),
    *rows("appraisal:export_xlsx", own=ALL_ROLES_200, other=APPRAISAL_READERS),
    *rows("appraisal:export_docx", own=ALL_ROLES_200, other=APPRAISAL_READERS),
    *rows("appraisal:result", own=(LOGIN, 200, 200, 200, 200, 200, 404, 404), other=APPRAISAL_READERS),
    *rows(
        "appraisal:appeal_submit",
        "POST",
        own=(LOGIN, 403, 403, 403, REDIRECT, REDIRECT, 404, 404),
        other=(LOGIN, 403, 403, 403, 404, 404, 404, 404),
    ),
    *rows(
        "appraisal:appeal_decide",
        own=(LOGIN, 200, 403, 403, 403, 403, 404, 404),
        other=(LOGIN, 200, 403, 403, 404, 404, 404, 404),
    ),
    # the own appeal is decided already: the office's second decision is refused, the form shown again
    *rows(
        "appraisal:appeal_decide",
        "POST",
        own=(LOGIN, 400, 403, 403, 403, 403, 404, 404),
        other=(LOGIN, REDIRECT, 403, 403, 404, 404, 404, 404),
    ),
    *rows(
        "appraisal:appeal_attachment",
        own=(LOGIN, 200, 200, 200, 200, 200, 404, 404),
        other=APPRAISAL_READERS,
    ),
    *rows("appraisal:bonus", plain=ALL_ROLES_200),
    # the walk's claim names no unit: the office's form comes back with its errors
    *rows("appraisal:bonus_add", "POST", plain=(LOGIN, 400, 403, 403, 403, 403, 403, 403)),
    *rows(
        "appraisal:bonus_approve",
        "POST",
        own=(LOGIN, REDIRECT, 403, 403, 403, 403, 404, 404),
        other=APPRAISAL_OFFICE_ACTS_HIDDEN,
    ),
]
POST_DATA.update(
    {
        "appraisal:scheme_create": {"year": "2016"},
        "appraisal:scheme": {
            "weight_reports_on_time": "20",
            "weight_review_outcomes": "20",
            "weight_projects_on_time": "20",
            "weight_target_achievement": "20",
            "weight_supervision_orders": "20",
            "weight_evaluation_results": "0",
            "bonus_cap": "5",
            "appeal_days": "10",
            "version": "1",
        },
        "appraisal:appeal_submit": {"reasons": "督办单已按时答复"},
        "appraisal:appeal_decide": {"upheld": "no", "reason": "材料不足"},
        "appraisal:bonus_approve": {"approved": "yes"},
    }
)


def _appraisal(world: World) -> dict[str, dict[str, int]]:
    """The walk's appraisal objects by kind and variant, made when a row first needs them."""
    from django.core.files.base import ContentFile

    from reformtrack.appraisal.models import Appeal, BonusClaim, Result, Run, Scheme
    from reformtrack.appraisal.services import appraisal_compute, appraisal_publish

    office = _office()
    if not Run.objects.filter(year=2014).exists():
        for year in (2014, 2015):
            scheme = Scheme.objects.create(year=year, weights={"projects_on_time": 100}, created_by=office)
            appraisal_compute(scheme=scheme, by=office, as_of=dt.date(year, 12, 31))
        appraisal_publish(run=Run.objects.get(year=2014), by=office)
        for variant in ("own", "other"):
            result = Result.objects.get(run__year=2014, unit=world.units[variant])
            appeal = Appeal(
                result=result, reasons="理由", submitted_by=office, attachment_type="application/pdf"
            )
            appeal.attachment_name = "说明.pdf"
            appeal.attachment.save(f"{variant}.pdf", ContentFile(b"%PDF-"), save=False)
            if variant == "own":
                appeal.status = "rejected"
            appeal.save()
            BonusClaim.objects.create(
                year=2014, unit=world.units[variant], description="改革成果", points=1, created_by=office
            )
    years = {"own": 2014, "other": 2015}
    return {
        "scheme": {v: Scheme.objects.get(year=years[v]).pk for v in years},
        "run": {v: Run.objects.get(year=years[v]).pk for v in years},
        "result": {v: Result.objects.get(run__year=2014, unit=world.units[v]).pk for v in years},
        "appeal": {v: Appeal.objects.get(result__unit=world.units[v]).pk for v in years},
        "claim": {v: BonusClaim.objects.get(unit=world.units[v]).pk for v in years},
    }


PARAMETERS.update(
    {
        "appraisal_scheme_pk": lambda name, world, variant: _appraisal(world)["scheme"][variant],
        "appraisal_run_pk": lambda name, world, variant: _appraisal(world)["run"][variant],
        "appraisal_result_pk": lambda name, world, variant: _appraisal(world)["result"][variant],
        "appraisal_appeal_pk": lambda name, world, variant: _appraisal(world)["appeal"][variant],
        "appraisal_claim_pk": lambda name, world, variant: _appraisal(world)["claim"][variant],
    }
)
# --- end of appraisal ---------------------------------------------------------------------------


# --- award (罗湖创新奖) --------------------------------------------------------------------------
# One announced call ("own" and "other" alike: calls are read by every role); the "own" nomination is
# the clerk's unit's, the "other" 区财政局's, both awarded, each with an evidence file. The district
# leader sits on the panel (no unit: scores both); "other" member is a stand-in expert. Acts on an
# announced call are refused with a message (a redirect) for the office, 403 for the rest.
AWARD_VISIBLE: dict[str, tuple[Any, ...]] = {
    "own": (LOGIN, 200, 200, 200, 200, 200, 404, 404),
    "other": (LOGIN, 200, 200, 200, 404, 404, 404, 404),
}
AWARD_OFFICE_ACTS: dict[str, tuple[Any, ...]] = {
    "own": (LOGIN, REDIRECT, 403, 403, 403, 403, 404, 404),
    "other": (LOGIN, REDIRECT, 403, 403, 404, 404, 404, 404),
}
TABLE += [
    *rows("award:call_list", plain=ALL_ROLES_200),
    *rows("award:call_create", plain=OFFICE_ONLY),
    *rows("award:call_create", "POST", plain=(LOGIN, 400, 403, 403, 403, 403, 403, 403)),
    *rows("award:call_detail", own=ALL_ROLES_200, other=ALL_ROLES_200),
    *rows("award:call_edit", own=OFFICE_ONLY, other=OFFICE_ONLY),
    *rows("award:nomination_list", own=ALL_ROLES_200, other=ALL_ROLES_200),
    # a unit's reform lead and clerk nominate (the outsider is a clerk of 区司法局)
    *rows(
        "award:nomination_create",
        own=(LOGIN, 403, 403, 403, 200, 200, 403, 200),
        other=(LOGIN, 403, 403, 403, 200, 200, 403, 200),
    ),
    *[
        row
        for name in ("award:eligibility_check", "award:announce")
        for row in rows(
            name,
            "POST",
            own=(LOGIN, REDIRECT, 403, 403, 403, 403, 403, 403),
            other=(LOGIN, REDIRECT, 403, 403, 403, 403, 403, 403),
        )
    ],
    *rows("award:panel", own=OFFICE_ONLY, other=OFFICE_ONLY),
    *rows(
        "award:panel_remove",
        "POST",
        own=(LOGIN, REDIRECT, 403, 403, 403, 403, 403, 403),
        other=(LOGIN, REDIRECT, 403, 403, 403, 403, 403, 403),
    ),
    *rows(
        "award:scoring",
        own=(LOGIN, 403, 200, 403, 403, 403, 403, 403),
        other=(LOGIN, 403, 200, 403, 403, 403, 403, 403),
    ),
    *rows(
        "award:ranking_page",
        own=(LOGIN, 200, 200, 200, 403, 403, 403, 403),
        other=(LOGIN, 200, 200, 200, 403, 403, 403, 403),
    ),
    *rows("award:decision", own=OFFICE_ONLY, other=OFFICE_ONLY),
    *[
        row
        for name in ("award:announcement", "award:announcement_docx", "award:certificates_docx")
        for row in rows(name, own=ALL_ROLES_200, other=ALL_ROLES_200)
    ],
    *[
        row
        for name in ("award:nomination_detail", "award:certificate_docx", "award:evidence_download")
        for row in rows(name, "GET", **AWARD_VISIBLE)
    ],
    *[
        row
        for name in ("award:nomination_submit", "award:evidence_upload")
        for row in rows(
            name,
            "POST",
            own=(LOGIN, 403, 403, 403, REDIRECT, REDIRECT, 404, 404),
            other=(LOGIN, 403, 403, 403, 404, 404, 404, 404),
        )
    ],
    *rows(
        "award:score",
        own=(LOGIN, 403, 200, 403, 403, 403, 404, 404),
        other=(LOGIN, 403, 200, 403, 404, 404, 404, 404),
    ),
    *[
        row
        for name in ("award:nomination_decide", "award:nomination_shortlist")
        for row in rows(name, "POST", **AWARD_OFFICE_ACTS)
    ],
]


def _award_call() -> int:
    from django.contrib.auth.models import User
    from django.core.files.base import ContentFile

    from reformtrack.award.models import AwardCall, Nomination, NominationEvidence, PanelMember

    found = AwardCall.objects.first()
    if found is not None:
        return found.pk
    office, day = _office(), dt.date(2014, 3, 1)
    call = AwardCall.objects.create(
        year=2014,
        title="2014年度罗湖创新奖评选",
        nomination_opens=day,
        nomination_closes=day,
        scoring_opens=day,
        scoring_closes=day,
        announced_on=dt.date(2014, 6, 1),
        created_by=office,
    )
    call.criteria.create(name="创新性", weight=1, description="首创、突破")
    call.prizes.create(level="first", count=1, bonus_points=3)
    call.prizes.create(level="second", count=1, bonus_points=2)
    for unit, prize in ((OWN_UNIT, "first"), (OTHER_UNIT, "second")):
        nomination = Nomination.objects.create(
            call=call,
            unit=Unit.objects.get(name=unit),
            title=f"{unit}的改革创新",
            statement="做法与成效。",
            status="awarded",
            prize=prize,
            decision_reason="成效显著",
            created_by=office,
        )
        evidence = NominationEvidence(
            nomination=nomination,
            original_name="证明材料.pdf",
            content_type="application/pdf",
            size=5,
            sha256=unit.encode().hex()[:64],
            uploaded_by=office,
        )
        evidence.file.save(f"{nomination.pk}.pdf", ContentFile(b"%PDF-"), save=True)
    leader = User.objects.get(username="leader")
    expert = User.objects.create_user("award-expert", first_name="评审专家")
    for user in (leader, expert):
        PanelMember.objects.create(call=call, user=user, appointed_by=office)
    return call.pk


def _award_nomination(world: World, variant: str) -> int:
    from reformtrack.award.models import Nomination

    call = _award_call()
    unit = world.units[variant]
    return Nomination.objects.get(call=call, unit=unit).pk


def _award_evidence(world: World, variant: str) -> int:
    from reformtrack.award.models import NominationEvidence

    return NominationEvidence.objects.get(nomination=_award_nomination(world, variant)).pk


def _award_member(variant: str) -> int:
    from reformtrack.award.models import PanelMember

    name = "leader" if variant == "own" else "award-expert"
    return PanelMember.objects.get(call=_award_call(), user__username=name).pk


PARAMETERS["award_call_pk"] = lambda name, world, variant: _award_call()
PARAMETERS["award_nomination_pk"] = lambda name, world, variant: _award_nomination(world, variant)
PARAMETERS["award_evidence_pk"] = lambda name, world, variant: _award_evidence(world, variant)
PARAMETERS["award_member_pk"] = lambda name, world, variant: _award_member(variant)
# --- end of award -------------------------------------------------------------------------------


# --- evaluation (实施后评估) ----------------------------------------------------------------------
# "own"/"other" is the evaluation of the own/other project (opened when a row first needs it), which
# is at its first step, the self-evaluation. Whoever sees the project sees its evaluation and its
# report; the office acts on it (an empty form is a 400), the lead unit's reform lead and clerk
# self-evaluate. None of these roles is an assigned reviewer, so answering an invitation and
# scoring are refused (tests/evaluation/test_expert_walk.py walks as an external expert).
EVALUATION_OFFICE_400: dict[str, tuple[Any, ...]] = {
    "own": (LOGIN, 400, 403, 403, 403, 403, 403, 404),
    "other": (LOGIN, 400, 403, 403, 404, 404, 404, 404),
}
EVALUATION_OFFICE_REDIRECT: dict[str, tuple[Any, ...]] = {
    "own": (LOGIN, REDIRECT, 403, 403, 403, 403, 403, 404),
    "other": (LOGIN, REDIRECT, 403, 403, 404, 404, 404, 404),
}
EVALUATION_REVIEWER_ONLY: dict[str, tuple[Any, ...]] = {
    "own": (LOGIN, 403, 403, 403, 403, 403, 403, 404),
    "other": (LOGIN, 403, 403, 403, 404, 404, 404, 404),
}
TABLE += [
    *rows("evaluation:list", plain=ALL_ROLES_200),
    *rows("evaluation:mine", plain=ALL_ROLES_200),
    *[
        row
        for name in ("evaluation:detail", "evaluation:report")
        for row in rows(
            name,
            own=(LOGIN, 200, 200, 200, 200, 200, 200, 404),
            other=(LOGIN, 200, 200, 200, 404, 404, 404, 404),
        )
    ],
    *rows(
        "evaluation:open",
        "POST",
        own=EVALUATION_OFFICE_REDIRECT["own"],
        other=EVALUATION_OFFICE_REDIRECT["other"],
    ),
    *rows(
        "evaluation:amend",
        "POST",
        own=EVALUATION_OFFICE_REDIRECT["own"],
        other=EVALUATION_OFFICE_REDIRECT["other"],
    ),
    *[
        row
        for name in ("due", "office", "conclude", "criterion_add", "invite", "expert")
        for row in rows(
            f"evaluation:{name}",
            "POST",
            own=EVALUATION_OFFICE_400["own"],
            other=EVALUATION_OFFICE_400["other"],
        )
    ],
    *rows(
        "evaluation:self",
        "POST",
        own=(LOGIN, 403, 403, 403, 400, 400, 403, 404),
        other=(LOGIN, 403, 403, 403, 404, 404, 404, 404),
    ),
    *rows(
        "evaluation:respond",
        "POST",
        own=EVALUATION_REVIEWER_ONLY["own"],
        other=EVALUATION_REVIEWER_ONLY["other"],
    ),
    *rows("evaluation:score", own=EVALUATION_REVIEWER_ONLY["own"], other=EVALUATION_REVIEWER_ONLY["other"]),
    *rows(
        "evaluation:score",
        "POST",
        own=EVALUATION_REVIEWER_ONLY["own"],
        other=EVALUATION_REVIEWER_ONLY["other"],
    ),
]
POST_DATA["evaluation:due"] = {"due": "不是日期"}


def _evaluation(world: World, variant: str) -> int:
    """The evaluation of the variant's project, opened by the office."""
    from django.contrib.auth import get_user_model

    from reformtrack.evaluation.models import Evaluation

    office = get_user_model().objects.get(username="office")
    found, _ = Evaluation.objects.get_or_create(
        project=world.projects[variant], defaults={"opened_by": office}
    )
    return found.pk


PARAMETERS["evaluation_pk"] = lambda name, world, variant: _evaluation(world, variant)
PARAMETERS["evaluation_project_pk"] = lambda name, world, variant: world.projects[variant].pk
# --- end of evaluation --------------------------------------------------------------------------


# --- studies (决策前研究论证) --------------------------------------------------------------------
# Every role that sees a project reads its study; the lead unit's reform lead and clerk and the
# office write it (the leader in charge of "other" reads only); the office accepts and returns.
# "own"/"other" are draft studies of the two projects, opened by the office.
STUDY_READ = {
    "own": (LOGIN, 200, 200, 200, 200, 200, 200, 404),
    "other": (LOGIN, 200, 200, 200, 404, 404, 404, 404),
}
STUDY_WRITE = {
    "own": (LOGIN, 200, 403, 403, 200, 200, 403, 404),
    "other": (LOGIN, 200, 403, 403, 404, 404, 404, 404),
}
STUDY_WRITE_POST = {
    "own": (LOGIN, REDIRECT, 403, 403, REDIRECT, REDIRECT, 403, 404),
    "other": (LOGIN, REDIRECT, 403, 403, 404, 404, 404, 404),
}
STUDY_REVIEW_POST = {
    "own": (LOGIN, REDIRECT, 403, 403, 403, 403, 403, 404),
    "other": (LOGIN, REDIRECT, 403, 403, 404, 404, 404, 404),
}


def _study_rows(name: str, answers: dict[str, tuple[Any, ...]], method: str = "GET") -> list[Row]:
    return rows(name, method, own=answers["own"], other=answers["other"])


TABLE += [
    *rows("studies:list", plain=ALL_ROLES_200),
    *_study_rows("studies:project", STUDY_READ),
    *_study_rows("studies:start", STUDY_WRITE_POST, "POST"),
    *_study_rows("studies:detail", STUDY_READ),
    *_study_rows("studies:print", STUDY_READ),
    *_study_rows("studies:docx", STUDY_READ),
    *_study_rows("studies:edit", STUDY_WRITE),
    *_study_rows("studies:edit", STUDY_WRITE_POST, "POST"),
    *_study_rows("studies:submit", STUDY_WRITE_POST, "POST"),  # an empty draft: refused, said on the page
    *_study_rows("studies:accept", STUDY_REVIEW_POST, "POST"),  # a draft: refused, said on the page
    *_study_rows("studies:return", STUDY_REVIEW_POST, "POST"),
    *_study_rows("studies:option_add", STUDY_WRITE),
    *_study_rows("studies:option_add", STUDY_WRITE_POST, "POST"),
    *_study_rows("studies:option_edit", STUDY_WRITE),
    *_study_rows("studies:option_edit", STUDY_WRITE_POST, "POST"),
    *_study_rows("studies:option_remove", STUDY_WRITE_POST, "POST"),
    *_study_rows("studies:consultation_add", STUDY_WRITE),
    *_study_rows("studies:consultation_add", STUDY_WRITE_POST, "POST"),
    *_study_rows("studies:consultation_edit", STUDY_WRITE),
    *_study_rows("studies:consultation_edit", STUDY_WRITE_POST, "POST"),
    *_study_rows("studies:consultation_remove", STUDY_WRITE_POST, "POST"),
    *_study_rows("studies:attachment_add", STUDY_WRITE_POST, "POST"),  # no file: refused, said on the page
    *_study_rows("studies:attachment", STUDY_READ),
    *_study_rows("studies:attachment_remove", STUDY_WRITE_POST, "POST"),
]
_STUDY_CONSULTATION = {"consulted": "专家组", "method": "expert", "held_on": "2014-01-01", "opinions": "同意"}
POST_DATA.update(
    {
        "studies:edit": {"background": "背景", "version": "1"},
        "studies:submit": {"version": "1"},
        "studies:accept": {"version": "1"},
        "studies:return": {"version": "1", "comment": "请补充"},
        "studies:option_add": {"description": "方案甲"},
        "studies:option_edit": {"description": "方案乙", "version": "1"},
        "studies:option_remove": {"version": "1"},
        "studies:consultation_add": _STUDY_CONSULTATION,
        "studies:consultation_edit": {**_STUDY_CONSULTATION, "version": "1"},
        "studies:consultation_remove": {"version": "1"},
    }
)


def _study(world: World, variant: str) -> Any:
    from reformtrack.studies.models import Study

    return Study.objects.get_or_create(project=world.projects[variant], defaults={"created_by": _office()})[0]


def _study_attachment(world: World, variant: str) -> int:
    from django.core.files.base import ContentFile

    from reformtrack.studies.models import StudyAttachment

    study = _study(world, variant)
    found = StudyAttachment.objects.filter(study=study).first()
    if found is None:
        found = StudyAttachment(
            study=study, original_name="听证纪要.pdf", content_type="application/pdf", size=5, sha256="b" * 64
        )
        found.uploaded_by = _office()
        found.file.save("b.pdf", ContentFile(b"%PDF-"), save=True)
    return found.pk


PARAMETERS.update(
    {
        "studies_project_pk": lambda name, world, variant: world.projects[variant].pk,
        "studies_pk": lambda name, world, variant: _study(world, variant).pk,
        "studies_option_pk": lambda name, world, variant: (
            _study(world, variant).options.get_or_create(description="方案")[0].pk
        ),
        "studies_consultation_pk": lambda name, world, variant: (
            _study(world, variant)
            .consultations.get_or_create(
                consulted="专家组", method="expert", held_on=dt.date(2014, 1, 1), opinions="同意"
            )[0]
            .pk
        ),
        "studies_attachment_pk": lambda name, world, variant: _study_attachment(world, variant),
    }
)
# --- end of studies -----------------------------------------------------------------------------


# --- risk (社会稳定风险评估) ------------------------------------------------------------------
# Whoever sees the project sees its assessments and their .docx; the office and the lead unit's
# reform lead and clerk draft (empty posts: 400); the office alone reviews and sets the rule.
_RISK_OWN = (LOGIN, 200, 200, 200, 200, 200, 200, 404)
_RISK_OTHER = (LOGIN, 200, 200, 200, 404, 404, 404, 404)
TABLE += [
    *rows("risk:assessment_list", plain=ALL_ROLES_200),
    *rows("risk:rule", plain=OFFICE_ONLY),
    *rows("risk:rule", "POST", plain=(LOGIN, 400, 403, 403, 403, 403, 403, 403)),
    *rows("risk:project", own=_RISK_OWN, other=_RISK_OTHER),
    *rows("risk:assessment", own=_RISK_OWN, other=_RISK_OTHER),
    *rows("risk:assessment_docx", own=_RISK_OWN, other=_RISK_OTHER),
    *rows("risk:file_download", own=_RISK_OWN, other=_RISK_OTHER),
    *rows(
        "risk:assessment_start",
        "POST",
        own=(LOGIN, REDIRECT, 403, 403, REDIRECT, REDIRECT, 403, 404),
        other=(LOGIN, REDIRECT, 403, 403, 404, 404, 404, 404),
    ),
    *rows(
        "risk:assessment_edit",
        "POST",
        own=(LOGIN, 400, 403, 403, 400, 400, 403, 404),
        other=(LOGIN, 400, 403, 403, 404, 404, 404, 404),
    ),
    *rows(
        "risk:assessment_review",
        "POST",
        own=(LOGIN, 400, 403, 403, 403, 403, 403, 404),
        other=(LOGIN, 400, 403, 403, 404, 404, 404, 404),
    ),
]


def _risk_assessment(world: World, variant: str) -> int:
    """A draft assessment of the variant's project, by the office (made when a row first needs it)."""
    from django.contrib.auth.models import User

    from reformtrack.risk.models import Assessment

    project = world.projects[variant]
    office = User.objects.filter(username="office").first() or User.objects.create_user("office-stand-in")
    return Assessment.objects.get_or_create(project=project, defaults={"created_by": office})[0].pk


def _risk_file(world: World, variant: str) -> int:
    """A PDF kept with the variant's assessment (made when a row first needs it)."""
    from django.core.files.base import ContentFile

    from reformtrack.risk.models import Assessment, AssessmentFile

    assessment = Assessment.objects.get(pk=_risk_assessment(world, variant))
    kept = AssessmentFile(
        assessment=assessment,
        original_name="听证会纪要.pdf",
        content_type="application/pdf",
        size=5,
        sha256=variant * 8,
        uploaded_by=assessment.created_by,
    )
    kept.file.save("a.pdf", ContentFile(b"%PDF-"), save=True)
    return kept.pk


PARAMETERS["risk_project_pk"] = lambda name, world, variant: world.projects[variant].pk
PARAMETERS["risk_assessment_pk"] = lambda name, world, variant: _risk_assessment(world, variant)
PARAMETERS["risk_file_pk"] = lambda name, world, variant: _risk_file(world, variant)
# --- end of risk --------------------------------------------------------------------------------


def _user(role: str, request: pytest.FixtureRequest) -> User | None:
    fixture = {
        "anonymous": None,
        "office": "office_user",
        "leader": "leader_user",
        "supervision": "supervision_user",
        "unit_lead": "unit_lead_user",
        "clerk": "clerk_user",
        "counit": "counit_user",
        "outsider": "outsider_clerk",
    }[role]
    return None if fixture is None else request.getfixturevalue(fixture)


def _url(row: Row, world: World) -> str:
    pattern = dict(url_patterns())[row.name]
    kwargs = {
        parameter: PARAMETERS[parameter](row.name, world, row.variant)
        for parameter in pattern.pattern.converters
    }
    return reverse(row.name, kwargs=kwargs)


def _answer(response: Any) -> object:
    if response.status_code in (301, 302, 303):
        login = resolve_url(settings.LOGIN_URL)
        return LOGIN if response["Location"].startswith(login) else REDIRECT
    return response.status_code


# --- plan amendments (方案调整) ------------------------------------------------------------------
# The coordinating office's alone: everyone else 403, whatever the plan. The walk opens an amendment
# (a redirect to it), posts empty forms to add or drop a project and to revert (400: their errors).
TABLE += [
    *rows("ledger:amendment_list", own=OFFICE_ONLY, other=OFFICE_ONLY),
    *rows(
        "ledger:amendment_list",
        "POST",
        own=(LOGIN, REDIRECT, 403, 403, 403, 403, 403, 403),
        other=(LOGIN, REDIRECT, 403, 403, 403, 403, 403, 403),
    ),
    *rows("ledger:plan_as_of", own=OFFICE_ONLY, other=OFFICE_ONLY),
    *rows("ledger:amendment_detail", own=OFFICE_ONLY, other=OFFICE_ONLY),
    *rows("ledger:amendment_project_add", own=OFFICE_ONLY, other=OFFICE_ONLY),
    *rows("ledger:amendment_project_drop", own=OFFICE_ONLY, other=OFFICE_ONLY),
    *rows("ledger:amendment_revert", own=OFFICE_ONLY, other=OFFICE_ONLY),
    *[
        row
        for name in (
            "ledger:amendment_project_add",
            "ledger:amendment_project_drop",
            "ledger:amendment_revert",
        )
        for row in rows(
            name,
            "POST",
            own=(LOGIN, 400, 403, 403, 403, 403, 403, 403),
            other=(LOGIN, 400, 403, 403, 403, 403, 403, 403),
        )
    ],
]
POST_DATA["ledger:amendment_list"] = {"title": "中期调整", "reason": "区委决定", "decided_on": "2014-03-01"}


def _amendment(world: World, variant: str) -> int:
    """An amendment of the variant's plan (opened when a row first needs it)."""
    from django.contrib.auth import get_user_model

    from reformtrack.ledger.models import Amendment

    plan = world.projects[variant].plan
    office = get_user_model().objects.get(username="office")
    found, _ = Amendment.objects.get_or_create(
        plan=plan,
        number=1,
        defaults={
            "title": "中期调整",
            "reason": "决定",
            "decided_on": dt.date(2014, 3, 1),
            "created_by": office,
        },
    )
    return found.pk


PARAMETERS["amendment_pk"] = lambda name, world, variant: _amendment(world, variant)

# The amendment's changes to the plan's parts: the office's alone, like the amendment itself; the
# objects are the variant's project, its chapter, measure and target. An empty form is a 400.
AMENDMENT_PARTS = (
    "project_change",
    "project_split",
    "project_merge",
    "measure_add",
    "measure_change",
    "measure_drop",
    "target_add",
    "target_change",
    "target_drop",
    "chapter_add",
    "chapter_change",
    "chapter_drop",
)
TABLE += [
    *rows("ledger:amendment_outline", own=OFFICE_ONLY, other=OFFICE_ONLY),
    *[
        row
        for part in AMENDMENT_PARTS
        for row in rows(f"ledger:amendment_{part}", own=OFFICE_ONLY, other=OFFICE_ONLY)
    ],
    *[
        row
        for part in AMENDMENT_PARTS
        for row in rows(
            f"ledger:amendment_{part}",
            "POST",
            own=(LOGIN, 400, 403, 403, 403, 403, 403, 403),
            other=(LOGIN, 400, 403, 403, 403, 403, 403, 403),
        )
    ],
]
PARAMETERS["project_pk"] = lambda name, world, variant: world.projects[variant].pk
PARAMETERS["chapter_pk"] = lambda name, world, variant: world.projects[variant].chapter_id
# --- end of plan amendments ---------------------------------------------------------------------


# Known departures of the views from the table, each a bug to fix (strict: a fix fails the test
# until the entry goes). None at present.
KNOWN_DEPARTURES: dict[tuple[str, str, str], str] = {}


def _case(row: Row, role: str) -> Any:
    reason = KNOWN_DEPARTURES.get((row.name, row.variant, role))
    marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
    return pytest.param(row, role, id=f"{row.id}-{role}", marks=marks)


CASES = [_case(row, role) for row in [*TABLE, *ADMIN_ROWS] for role in ROLES]


@pytest.mark.parametrize(("row", "role"), CASES)
def test_it_answers_as_the_table_says(
    row: Row, role: str, world: World, client: Client, request: pytest.FixtureRequest
) -> None:
    user = _user(role, request)
    if user is not None:
        client.force_login(user)
    url = _url(row, world)
    expected = row.answers[ROLES.index(role)]

    response = client.post(url, POST_DATA.get(row.name, {})) if row.method == "POST" else client.get(url)

    assert _answer(response) == expected, f"{row.method} {url} as {role}"


def test_a_clerk_cannot_read_or_change_another_units_project_by_guessing_ids(
    world: World, client: Client, clerk_user: User
) -> None:
    other = world.projects["other"]
    before = Project.objects.values().get(pk=other.pk)
    client.force_login(clerk_user)
    missing = Project.objects.order_by("-pk").values_list("pk", flat=True)[0] + 1

    for pk in (other.pk, missing):  # another unit's project answers like one that does not exist
        for name in ("web:project_detail", "web:project_print", "web:project_history"):
            assert client.get(reverse(name, args=[pk])).status_code == 404, (name, pk)
        response = client.post(
            reverse("ledger:project_edit", args=[pk]),
            {"title": "被改了", "progress": "100", "status": "completed", "version": "1"},
        )
        assert response.status_code == 404, pk

    assert Project.objects.values().get(pk=other.pk) == before


def test_a_clerk_cannot_read_or_change_drafts_by_guessing_ids(
    world: World, client: Client, outsider_clerk: User
) -> None:
    client.force_login(outsider_clerk)
    before = {draft.pk: draft.edits for draft in ImportDraft.objects.all()}

    for draft in world.drafts.values():
        for name in ("imports:draft", "imports:confirm"):
            assert client.get(reverse(name, args=[draft.pk])).status_code == 403
        for name in ("imports:plan_title", "imports:confirm", "imports:discard"):
            assert client.post(reverse(name, args=[draft.pk]), {"title": "x"}).status_code == 403

    assert {draft.pk: draft.edits for draft in ImportDraft.objects.all()} == before
    assert Plan.objects.count() == 2


# --- webhooks (数据推送) ----------------------------------------------------------------------------
# The coordinating office's alone: everyone else 403 before any endpoint is looked up. The office's
# valid forms and actions answer with a redirect to the endpoint's page. Endpoints belong to no unit:
# "own" and "other" are the same endpoint (and delivery).
_OFFICE_ACTS = (LOGIN, REDIRECT, 403, 403, 403, 403, 403, 403)
TABLE += [
    *rows("webhooks:endpoint_list", plain=OFFICE_ONLY),
    *rows("webhooks:endpoint_create", plain=OFFICE_ONLY),
    *rows("webhooks:endpoint_create", "POST", plain=_OFFICE_ACTS),
    *rows("webhooks:endpoint_detail", own=OFFICE_ONLY, other=OFFICE_ONLY),
    *rows("webhooks:endpoint_edit", own=OFFICE_ONLY, other=OFFICE_ONLY),
    *rows("webhooks:endpoint_edit", "POST", own=_OFFICE_ACTS, other=_OFFICE_ACTS),
    *rows("webhooks:endpoint_archive", "POST", own=_OFFICE_ACTS, other=_OFFICE_ACTS),
    *rows("webhooks:endpoint_ping", "POST", own=_OFFICE_ACTS, other=_OFFICE_ACTS),
    *rows("webhooks:delivery_retry", "POST", own=_OFFICE_ACTS, other=_OFFICE_ACTS),
]
_WEBHOOK_FORM = {"name": "城市运行管理平台", "url": "https://example.org/hook", "events": "report_submitted"}
POST_DATA["webhooks:endpoint_create"] = _WEBHOOK_FORM
POST_DATA["webhooks:endpoint_edit"] = _WEBHOOK_FORM | {"version": "1"}


def _webhook_endpoint() -> Any:
    from django.contrib.auth.models import User

    from reformtrack.webhooks.models import Endpoint

    found = Endpoint.objects.first()
    if found is None:
        creator = User.objects.filter(username="office").first() or User.objects.create_user(
            "office-stand-in"
        )
        found = Endpoint.objects.create(
            name="市改革平台",
            url="https://example.org/hook",
            secret="s",
            events=["report_submitted"],
            created_by=creator,
        )
    return found


def _webhook_delivery() -> int:
    from reformtrack.webhooks.models import Delivery

    endpoint = _webhook_endpoint()
    found = Delivery.objects.filter(endpoint=endpoint).first()
    if found is None:
        found = Delivery.objects.create(
            endpoint=endpoint, kind="ping", event_key="ping:walk", key="walk", status="failed"
        )
    return found.pk


PARAMETERS["webhook_endpoint_pk"] = lambda name, world, variant: _webhook_endpoint().pk
PARAMETERS["webhook_delivery_pk"] = lambda name, world, variant: _webhook_delivery()


# CASES is built above this section: the rows of the webhooks are walked here, by the same test.
@pytest.mark.parametrize(
    ("row", "role"),
    [_case(row, role) for row in TABLE if row.name.startswith("webhooks:") for role in ROLES],
)
def test_the_webhooks_answer_as_the_table_says(
    row: Row, role: str, world: World, client: Client, request: pytest.FixtureRequest
) -> None:
    test_it_answers_as_the_table_says(row, role, world, client, request)


# --- end of webhooks ----------------------------------------------------------------------------


# --- ratings (群众评价) --------------------------------------------------------------------------
# The public pages answer everyone alike, signed in or not: the "own" project is made public (its
# plan published), the "other" one is not and is 404 to all. An empty rating is a 400; the phone
# code is 404 where the site has no SMS gateway. The staff pages are the coordinating office's alone.
_RATINGS_PUBLIC = (200,) * 8
_RATINGS_404 = (404,) * 8
_RATINGS_OFFICE_POST = (LOGIN, 400, 403, 403, 403, 403, 403, 403)
_RATINGS_OFFICE_ACTS = (LOGIN, REDIRECT, 403, 403, 403, 403, 403, 403)
_RATINGS_ROWS = [
    *rows("ratings_public:project", own=_RATINGS_PUBLIC, other=_RATINGS_404),
    *rows("ratings_public:rate", "POST", own=(400,) * 8, other=_RATINGS_404),
    *rows("ratings_public:code", "POST", own=_RATINGS_404, other=_RATINGS_404),
    *rows("ratings:queue", plain=OFFICE_ONLY),
    *rows("ratings:settings", plain=OFFICE_ONLY),
    *rows("ratings:settings", "POST", plain=_RATINGS_OFFICE_POST),
    *rows("ratings:words", plain=OFFICE_ONLY),
    *rows("ratings:words", "POST", plain=_RATINGS_OFFICE_POST),
    *rows("ratings:word_remove", "POST", own=_RATINGS_OFFICE_ACTS, other=_RATINGS_OFFICE_ACTS),
    *rows("ratings:rating", own=OFFICE_ONLY, other=OFFICE_ONLY),
    *rows("ratings:publish", "POST", own=_RATINGS_OFFICE_ACTS, other=_RATINGS_OFFICE_ACTS),
    *rows("ratings:hide", "POST", own=_RATINGS_OFFICE_POST, other=_RATINGS_OFFICE_POST),
    *rows("ratings:answer", "POST", own=_RATINGS_OFFICE_POST, other=_RATINGS_OFFICE_POST),
]
TABLE += _RATINGS_ROWS
# appended after CASES was built: the parametrize mark holds this very list, read at collection
CASES.extend(_case(row, role) for row in _RATINGS_ROWS for role in ROLES)


def _ratings_project(world: World, variant: str) -> int:
    """The variant's project; the "own" one made public (its plan published) when a row needs it."""
    from django.contrib.auth import get_user_model

    from reformtrack.ledger.services_publish import plan_publish

    project = world.projects[variant]
    if variant == "own" and not project.plan.published_at:
        office = get_user_model().objects.get(username="office")
        plan_publish(by=office, plan=project.plan, all_projects=True)
    return project.pk


def _ratings_rating(world: World, variant: str) -> int:
    """A citizen's pending comment on the variant's project."""
    from django.utils import timezone

    from reformtrack.ratings.models import CommentStatus, Rating

    found, _ = Rating.objects.get_or_create(
        project=world.projects[variant],
        period=2014,
        identity=variant,
        defaults={
            "score": 4,
            "comment": "很好",
            "status": CommentStatus.PENDING,
            "consented_at": timezone.now(),
        },
    )
    return found.pk


def _ratings_word(variant: str) -> int:
    from django.contrib.auth import get_user_model

    from reformtrack.ratings.models import SensitiveWord

    office = get_user_model().objects.get(username="office")
    return SensitiveWord.objects.get_or_create(word=f"敏感{variant}", defaults={"added_by": office})[0].pk


# the scheme form has a weight for every component offered, citizen satisfaction among them now
POST_DATA["appraisal:scheme"]["weight_citizen_satisfaction"] = "0"
PARAMETERS["rating_project_pk"] = lambda name, world, variant: _ratings_project(world, variant)
PARAMETERS["rating_pk"] = lambda name, world, variant: _ratings_rating(world, variant)
PARAMETERS["rating_word_pk"] = lambda name, world, variant: _ratings_word(variant)
# --- end of ratings -----------------------------------------------------------------------------


# --- portal (公众门户) ---------------------------------------------------------------------------
# The public portal is the same for everyone: anonymous 200 on what is published ("own": the own
# project's plan published with all its projects, a published bulletin, a published case, the
# published appraisal) and 404 on what is not ("other"), whatever the role; never a login, never a
# 403. The office's publish steps (ledger) and a report's public summary (reporting) are staff pages.
_PUBLIC = (200, 200, 200, 200, 200, 200, 200, 200)
_NOT_PUBLIC = (404, 404, 404, 404, 404, 404, 404, 404)
_OFFICE_POSTS = (LOGIN, REDIRECT, 403, 403, 403, 403, 403, 403)
_PORTAL_FROM = len(TABLE)
TABLE += [
    *rows("portal:home", plain=_PUBLIC),
    *rows("portal:bulletin_list", plain=_PUBLIC),
    *rows("portal:case_list", plain=_PUBLIC),
    *[
        row
        for name in (
            "portal:plan",
            "portal:project",
            "portal:bulletin",
            "portal:bulletin_docx",
            "portal:case",
            "portal:appraisal",
        )
        for row in rows(name, own=_PUBLIC, other=_NOT_PUBLIC)
    ],
    *rows("ledger:plan_publish", own=OFFICE_ONLY, other=OFFICE_ONLY),
    *rows("ledger:plan_publish", "POST", own=_OFFICE_POSTS, other=_OFFICE_POSTS),
    *rows("ledger:project_public", "POST", own=_OFFICE_POSTS, other=_OFFICE_POSTS),
    *rows(  # the lead unit's reform lead and clerk write it, the office too; readers 403
        "reporting:public_summary",
        "POST",
        own=(LOGIN, REDIRECT, 403, 403, REDIRECT, REDIRECT, 403, 404),
        other=(LOGIN, REDIRECT, 403, 403, 404, 404, 404, 404),
    ),
    *rows(  # the office alone approves (a draft's summary: refused with a message, back to the report)
        "reporting:public_summary_review",
        "POST",
        own=(LOGIN, REDIRECT, 403, 403, 403, 403, 403, 404),
        other=(LOGIN, REDIRECT, 403, 403, 404, 404, 404, 404),
    ),
]
POST_DATA["ledger:plan_publish"] = {"action": "publish", "all_projects": "on"}
POST_DATA["ledger:project_public"] = {"public": "1"}
POST_DATA["reporting:public_summary"] = {"public_summary": "已完成阶段任务"}
POST_DATA["reporting:public_summary_review"] = {"action": "approve"}


def _portal_project(world: World, variant: str) -> Project:
    """The variant's project; the own one's plan published with every project public."""
    from reformtrack.ledger.services_publish import plan_publish

    project = world.projects[variant]
    if variant == "own" and project.plan.published_at is None:
        project.plan = plan_publish(by=_office(), plan=project.plan, all_projects=True)
    return project


def _portal_case(world: World, variant: str) -> int:
    """An approved case of the variant's project, published for "own" only."""
    from django.utils import timezone

    from reformtrack.cases.models import Case

    project = world.projects[variant]
    return Case.objects.create(
        project=project,
        unit=world.units[variant],
        title=f"公开案例{variant}",
        status="approved",
        approved_at=timezone.now(),
        published=variant == "own",
    ).pk


PARAMETERS["public_plan_pk"] = lambda name, world, variant: _portal_project(world, variant).plan_id
PARAMETERS["public_project_pk"] = lambda name, world, variant: _portal_project(world, variant).pk
PARAMETERS["public_bulletin_pk"] = lambda name, world, variant: _bulletin(variant)
PARAMETERS["public_case_pk"] = lambda name, world, variant: _portal_case(world, variant)
PARAMETERS["public_run_pk"] = lambda name, world, variant: _appraisal(world)["run"][variant]
# This section comes after CASES was built from TABLE: its rows join the walk in place (pytest reads
# the parametrize list when it collects, after the module has run).
CASES += [_case(row, role) for row in TABLE[_PORTAL_FROM:] for role in ROLES]
# --- end of portal ------------------------------------------------------------------------------


# --- api (REST API, 接口) ------------------------------------------------------------------------
# The API answers an anonymous caller 401 (no login page), an object the account may not see 404,
# an action it may not take 403, with the pages' rules (restrict and the services' checks); the
# walk signs in with the session, tests/api/ walks the same with tokens. The schema, its Swagger
# page and the public API are open to anyone; the public API shows only published plans (the
# walk's are not: 404). The token pages are the coordinating office's.
API_VISIBLE_OWN = (401, 200, 200, 200, 200, 200, 200, 404)
API_VISIBLE_OTHER = (401, 200, 200, 200, 404, 404, 404, 404)
API_LIST = (401, 200, 200, 200, 200, 200, 200, 200)
_API_FIRST_ROW = len(TABLE)  # CASES above was built before these rows: walked by the test below
TABLE += [
    row
    for name in (
        "api:plan-list",
        "api:chapter-list",
        "api:project-list",
        "api:measure-list",
        "api:target-list",
        "api:target-value-list",
        "api:unit-list",
        "api:report-list",
        "api:order-list",
        "api:bulletin-list",
        "api:light-list",
    )
    for row in rows(name, plain=API_LIST)
]
TABLE += [
    row
    for name in (
        "api:project-detail",
        "api:measure-detail",
        "api:target-detail",
        "api:target-value-detail",
        "api:light-detail",
    )
    for row in rows(name, own=API_VISIBLE_OWN, other=API_VISIBLE_OTHER)
]
TABLE += [
    # every account with a role reads every plan and its chapters, as on the pages
    *rows("api:plan-detail", own=API_LIST, other=API_LIST),
    *rows("api:chapter-detail", own=API_LIST, other=API_LIST),
    # the lead unit's unit; the co-unit staff see it through the project they share
    *rows("api:unit-detail", own=API_VISIBLE_OWN, other=API_VISIBLE_OTHER),
    # the lead unit's report: its co-unit reads it too
    *rows("api:report-detail", own=API_VISIBLE_OWN, other=API_VISIBLE_OTHER),
    # an order to the lead unit: not the co-unit's
    *rows(
        "api:order-detail",
        own=(401, 200, 200, 200, 200, 200, 404, 404),
        other=API_VISIBLE_OTHER,
    ),
    # the own bulletin is published (every role reads it), the other a draft (the offices and leader)
    *rows("api:bulletin-detail", own=API_LIST, other=API_VISIBLE_OTHER),
    # a value needs the office (an empty one is refused: 400); the leader in charge edits the
    # project but does not move its figures
    *rows(
        "api:target-values",
        "POST",
        own=(401, 400, 403, 403, 403, 403, 403, 404),
        other=(401, 400, 403, 403, 404, 404, 404, 404),
    ),
    *rows("api:schema", plain=(200,) * 8),
    *rows("api:docs", plain=(200,) * 8),
    *rows("api:public-plan-list", plain=(200,) * 8),
    *rows("api:public-plan-detail", own=(404,) * 8, other=(404,) * 8),
    *rows("api:public-project-list", plain=(200,) * 8),
    *rows("api:public-project-detail", own=(404,) * 8, other=(404,) * 8),
    *rows("api:token_list", plain=OFFICE_ONLY),
    *rows("api:token_new", plain=OFFICE_ONLY),
    *rows("api:token_new", "POST", plain=(LOGIN, 400, 403, 403, 403, 403, 403, 403)),
    *rows(
        "api:token_revoke",
        "POST",
        own=(LOGIN, REDIRECT, 403, 403, 403, 403, 403, 403),
        other=(LOGIN, REDIRECT, 403, 403, 403, 403, 403, 403),
    ),
]


def _api_token(variant: str) -> int:
    """A token of the office (own) or of the district leader (other)."""
    from django.contrib.auth.models import User

    from reformtrack.api.services import token_create

    office = _office()
    owner = office if variant == "own" else User.objects.get(profile__role=Role.LEADER)
    return token_create(by=office, name=f"token {variant}", owner=owner)[0].pk


PARAMETERS["api_chapter_pk"] = lambda name, world, variant: world.projects[variant].chapter_id
PARAMETERS["api_unit_pk"] = lambda name, world, variant: world.units[variant].pk
PARAMETERS["api_report_pk"] = lambda name, world, variant: world.reporting[variant]["report"]
PARAMETERS["token_pk"] = lambda name, world, variant: _api_token(variant)
# the project's value, made once: one walk over every page (test_chinese_everywhere) asks twice
PARAMETERS["api_value_pk"] = lambda name, world, variant: (
    TargetValue.objects.filter(target__project=world.projects[variant]).values_list("pk", flat=True).first()
    or _target_value(world, variant)
)


@pytest.mark.parametrize(
    ("row", "role"), [_case(row, role) for row in TABLE[_API_FIRST_ROW:] for role in ROLES]
)
def test_the_api_answers_as_the_table_says(
    row: Row, role: str, world: World, client: Client, request: pytest.FixtureRequest
) -> None:
    test_it_answers_as_the_table_says(row, role, world, client, request)


# --- end of api ---------------------------------------------------------------------------------


# --- the award's public vote (公众投票) ----------------------------------------------------------
# Anonymous like the portal, the same answer for everyone: "own" is a call whose vote is open today
# (year 2000, so the award section's call of 2014 stays the first), "other" the announced 2014 call,
# whose vote is closed: 404. An empty vote is a 400.
_VOTE_FIRST_ROW = len(TABLE)
TABLE += [
    *rows("award_public:vote", own=(200,) * 8, other=(404,) * 8),
    *rows("award_public:vote", "POST", own=(400,) * 8, other=(404,) * 8),
]


def _open_vote_call(variant: str) -> int:
    from django.utils import timezone

    from reformtrack.award.models import AwardCall

    if variant == "other":
        return _award_call()
    _award_call()  # the award section's call first: it must stay AwardCall.objects.first()
    today, day = timezone.localdate(), dt.date(2000, 3, 1)
    found, _created = AwardCall.objects.get_or_create(
        year=2000,
        defaults={
            "title": "2000年度罗湖创新奖评选",
            "nomination_opens": day,
            "nomination_closes": day,
            "scoring_opens": day,
            "scoring_closes": day,
            "public_vote": True,
            "vote_weight": 10,
            "vote_opens": today,
            "vote_closes": today,
            "created_by": _office(),
        },
    )
    return found.pk


PARAMETERS["vote_call_pk"] = lambda name, world, variant: _open_vote_call(variant)


@pytest.mark.parametrize(
    ("row", "role"), [_case(row, role) for row in TABLE[_VOTE_FIRST_ROW:] for role in ROLES]
)
def test_the_public_vote_answers_as_the_table_says(
    row: Row, role: str, world: World, client: Client, request: pytest.FixtureRequest
) -> None:
    test_it_answers_as_the_table_says(row, role, world, client, request)


# --- end of the award's public vote -------------------------------------------------------------
