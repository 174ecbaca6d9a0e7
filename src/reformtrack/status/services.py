"""Writes of the status app: computing the lights, recording their changes, the rules of a plan.

Only these functions write ``Project.light`` / ``Measure.light`` and the status app's rows. The
judgement itself is :mod:`.engine` (plain Python); here the facts are loaded in bulk — a fixed
number of queries for any number of plans, projects, measures, milestones, targets and reports — and the
verdicts that differ from what is stored are written with one executemany ``UPDATE`` by id, each
change of a light with a :class:`~.models.StatusChange`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import F, Field, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from reformtrack.ledger.choices import UnitRole
from reformtrack.ledger.models import Measure, Milestone, Plan, Project, ProjectUnit, Target
from reformtrack.ledger.selectors_targets import latest_achievement, targets_with_latest
from reformtrack.reporting.choices import ReportStatus
from reformtrack.reporting.models import ProgressReport, ReportingCycle
from reformtrack.reporting.selectors import cycle_periods

from . import engine
from .choices import LightCause
from .errors import RulesError
from .models import StatusChange, StatusRules
from .permissions import can_edit_rules

if TYPE_CHECKING:
    from django.contrib.auth.models import User

WRITE_BATCH = 500  # rows per INSERT: bounded statements on SQLite and PostgreSQL
EXECUTE_BATCH = 5000  # rows per executemany of the lights' UPDATE (one statement, many parameters)
RECOMPUTE_LOCK = 20130520  # the advisory lock key of lights_recompute (罗发〔2013〕3号 was issued that day)
# The thresholds of StatusRules, in the order the rules page shows them (forms.RulesForm).
RULE_FIELDS = (
    "near_days",
    "yellow_behind_points",
    "red_behind_points",
    "yellow_report_problems",
    "red_report_problems",
    "overdue_milestone_yellow",
    "target_behind_points",
    "report_periods",
)


@dataclass
class LightsSummary:
    """What a computation did: how many objects were judged, how many lights changed, the tally."""

    projects: int = 0
    measures: int = 0
    changed_projects: int = 0
    changed_measures: int = 0
    lights: Counter[str] = field(default_factory=Counter)  # projects per light after the run

    def as_dict(self) -> dict[str, Any]:
        return {
            "projects": self.projects,
            "measures": self.measures,
            "changed_projects": self.changed_projects,
            "changed_measures": self.changed_measures,
            "lights": dict(self.lights),
        }


def _plan_start(plan: Plan) -> dt.date | None:
    if plan.period_start:
        return dt.date(plan.period_start, 1, 1)
    return None


def _ensure_rules(plans: list[Plan]) -> dict[int, StatusRules]:
    """The rules of each plan, the missing ones created with the defaults (two queries at most)."""
    found = {rules.plan_id: rules for rules in StatusRules.objects.filter(plan__in=plans)}
    missing = [StatusRules(plan=plan) for plan in plans if plan.pk not in found]
    if missing:
        bulk_create_with_history(missing, StatusRules, batch_size=WRITE_BATCH)
        found.update({rules.plan_id: rules for rules in StatusRules.objects.filter(plan__in=plans)})
    return found


def _report_facts(
    plans: list[Plan], rules: dict[int, StatusRules], scope: Q, today: dt.date
) -> dict[int, engine.ReportFacts]:
    """Per project: past-due periods each lead unit has not reported in time (of the latest
    ``report_periods`` of each active cycle), reports now returned, the latest accepted percentage.
    Three queries."""
    cycles = list(ReportingCycle.objects.filter(plan__in=plans, active=True, start__lte=today))
    if not cycles:
        return {}
    leads: dict[int, list[int]] = {}
    plan_of: dict[int, int] = {}
    for project_id, plan_id, unit_id in (
        ProjectUnit.objects.filter(scope_on_project(scope), role=UnitRole.LEAD)
        .order_by()
        .values_list("project_id", "project__plan_id", "unit_id")
    ):
        leads.setdefault(project_id, []).append(unit_id)
        plan_of[project_id] = plan_id
    reports = {
        (cycle_id, start, project_id, unit_id): (status, submitted_at, percent, period_end)
        for cycle_id, start, project_id, unit_id, status, submitted_at, percent, period_end in (
            ProgressReport.objects.filter(scope_on_project(scope), cycle__in=cycles)
            .order_by()
            .values_list(
                "cycle_id",
                "period_start",
                "project_id",
                "unit_id",
                "status",
                "submitted_at",
                "percent_complete",
                "period_end",
            )
        )
    }
    missing: Counter[int] = Counter()
    returned: Counter[int] = Counter()
    accepted: dict[int, tuple[dt.date, int]] = {}
    for (_cycle, _start, project_id, _unit), (status, _at, percent, period_end) in reports.items():
        if status == ReportStatus.RETURNED:
            returned[project_id] += 1
        elif status == ReportStatus.ACCEPTED and (
            project_id not in accepted or accepted[project_id][0] < period_end
        ):
            accepted[project_id] = (period_end, percent)
    by_plan: dict[int, list[int]] = {}
    for project_id, plan_id in plan_of.items():
        by_plan.setdefault(plan_id, []).append(project_id)
    for cycle in cycles:
        counted = rules[cycle.plan_id].report_periods
        past = [period for period in cycle_periods(cycle) if period.grace_until < today]
        for period in past[-counted:] if counted else []:
            for project_id in by_plan.get(cycle.plan_id, []):
                for unit_id in leads[project_id]:
                    found = reports.get((cycle.pk, period.start, project_id, unit_id))
                    if found is None or found[0] == ReportStatus.DRAFT:
                        missing[project_id] += 1
                    elif found[0] != ReportStatus.RETURNED and (
                        found[1] is None or timezone.localdate(found[1]) > period.grace_until
                    ):
                        missing[project_id] += 1  # submitted, but after the grace days: late
    return {
        project_id: engine.ReportFacts(
            missing=missing[project_id],
            returned=returned[project_id],
            latest_accepted=accepted[project_id][1] if project_id in accepted else None,
        )
        for project_id in set(missing) | set(returned) | set(accepted)
    }


def _target_facts(scope: Q, plans: dict[int, Plan], today: dt.date) -> dict[int, list[engine.TargetFacts]]:
    """Each project's targets that have a value, with their achievement and what their expected
    path calls for today (one query: the latest value is a subquery)."""
    facts: dict[int, list[engine.TargetFacts]] = {}
    targets = targets_with_latest(
        Target.objects.filter(scope_on_project(scope))
        .annotate(plan_id=F("project__plan_id"))
        .only(
            "pk",
            "project_id",
            "text",
            "form",
            "min_value",
            "max_value",
            "unit",
            "baseline",
            "baseline_date",
            "deadline",
        ),
        valued=True,
    )
    for target in targets.order_by():
        state = latest_achievement(target, plans[target.plan_id], today)  # type: ignore[attr-defined]
        if state.achievement is not None and state.expected is not None:
            facts.setdefault(target.project_id, []).append(
                engine.TargetFacts(target.pk, target.text, state.achievement, state.expected)
            )
    return facts


def scope_on_project(scope: Q) -> Q:
    """``scope`` (a filter on projects) as a filter on rows with a ``project`` foreign key."""
    if not scope:
        # a dropped (archived) project is out of the ledger: no light, no facts
        return Q(project__archived_at__isnull=True)
    return Q(project__in=Project.objects.filter(scope).values("pk"))


def _compute(
    *, scope: Q, plan_filter: Q, today: dt.date, cause: str, by: User | None
) -> tuple[LightsSummary, dict[int, tuple[str, list[engine.Reason]]]]:
    plans = list(Plan.objects.filter(plan_filter).only("pk", "period_start", "period_end", "created_at"))
    summary = LightsSummary()
    if not plans:
        return summary, {}
    rules = _ensure_rules(plans)
    plan_by_id = {plan.pk: plan for plan in plans}
    projects = list(
        Project.objects.filter(scope)
        .order_by("pk")
        .only("pk", "plan_id", "deadline", "progress", "status", "light", "light_reasons")
    )
    measures: dict[int, list[Measure]] = {}
    for measure in (
        Measure.objects.filter(scope_on_project(scope))
        .order_by("project_id", "position")
        .only("pk", "project_id", "deadline", "progress", "light", "light_reasons")
    ):
        measures.setdefault(measure.project_id, []).append(measure)
    milestones: dict[int, list[engine.MilestoneFacts]] = {}
    for project_id, date, done in (
        Milestone.objects.filter(scope_on_project(scope)).order_by().values_list("project_id", "date", "done")
    ):
        milestones.setdefault(project_id, []).append(engine.MilestoneFacts(date, done))
    reports = _report_facts(plans, rules, scope, today)
    targets = _target_facts(scope, plan_by_id, today)

    changed_projects: list[Project] = []
    changed_measures: list[Measure] = []
    changes: list[StatusChange] = []
    now = timezone.now()
    verdicts: dict[int, tuple[str, list[engine.Reason]]] = {}
    for project in projects:
        plan = plan_by_id[project.plan_id]
        own_milestones = milestones.get(project.pk, [])
        # no plan period: from the project's first milestone, else from the plan's import
        start = _plan_start(plan) or min(
            (m.date for m in own_milestones), default=timezone.localdate(plan.created_at)
        )
        facts = engine.ProjectFacts(
            id=project.pk,
            start=start,
            deadline=project.deadline,
            progress=project.progress,
            status=project.status,
            plan_end=dt.date(plan.period_end, 12, 31) if plan.period_end else None,
            milestones=own_milestones,
            measures=[
                engine.MeasureFacts(m.pk, m.deadline, m.progress) for m in measures.get(project.pk, [])
            ],
            reports=reports.get(project.pk, engine.ReportFacts()),
            targets=targets.get(project.pk, ()),
        )
        verdict = engine.judge_project(facts, rules[project.plan_id].as_engine_rules(), today)
        verdicts[project.pk] = (verdict.light, verdict.reasons)
        summary.projects += 1
        summary.lights[verdict.light] += 1
        if _store(project, verdict, changes, now=now, today=today, cause=cause, by=by):
            changed_projects.append(project)
        for measure in measures.get(project.pk, []):
            summary.measures += 1
            if _store(
                measure, verdict.measures[measure.pk], changes, now=now, today=today, cause=cause, by=by
            ):
                changed_measures.append(measure)

    _write_lights(Project, changed_projects)
    _write_lights(Measure, changed_measures)
    StatusChange.objects.bulk_create(changes, batch_size=WRITE_BATCH)
    summary.changed_projects = sum(1 for change in changes if change.measure_id is None)
    summary.changed_measures = len(changes) - summary.changed_projects
    return summary, verdicts


def _write_lights(model: type[Project] | type[Measure], rows: Sequence[Project | Measure]) -> None:
    """Write the light and reasons of ``rows``: one ``UPDATE … WHERE id = %s`` sent with
    ``executemany`` for every ``EXECUTE_BATCH`` rows.

    ``bulk_update`` builds a ``CASE WHEN id = … THEN …`` expression per field and batch, which costs
    far more to compile than to run: 41 of the 53 s of a first run over 55,000 rows (profiled). The
    values go through the fields' own preparation (JSON on SQLite, jsonb on PostgreSQL).
    """
    if not rows:
        return
    meta = model._meta
    light, reasons = meta.get_field("light"), meta.get_field("light_reasons")
    assert isinstance(light, Field) and isinstance(reasons, Field) and meta.pk is not None
    quote = connection.ops.quote_name
    columns = [quote(str(field.column)) for field in (light, reasons, meta.pk)]
    sql = f"UPDATE {quote(meta.db_table)} SET {columns[0]} = %s, {columns[1]} = %s WHERE {columns[2]} = %s"
    params = [(obj.light, reasons.get_db_prep_save(obj.light_reasons, connection), obj.pk) for obj in rows]
    with connection.cursor() as cursor:
        for start in range(0, len(params), EXECUTE_BATCH):
            cursor.executemany(sql, params[start : start + EXECUTE_BATCH])


def _store(
    obj: Project | Measure,
    verdict: engine.Verdict,
    changes: list[StatusChange],
    *,
    now: dt.datetime,
    today: dt.date,
    cause: str,
    by: User | None,
) -> bool:
    """Set the verdict on ``obj``; a change of light is recorded. True when ``obj`` needs writing."""
    if obj.light == verdict.light and obj.light_reasons == verdict.reasons:
        return False
    if obj.light != verdict.light:
        project_id = obj.project_id if isinstance(obj, Measure) else obj.pk
        changes.append(
            StatusChange(
                project_id=project_id,
                measure_id=obj.pk if isinstance(obj, Measure) else None,
                old=obj.light,
                new=verdict.light,
                reasons=verdict.reasons,
                at=now,
                on=today,
                cause=cause,
                by=by,
            )
        )
    obj.light = verdict.light
    obj.light_reasons = verdict.reasons
    return True


def _one_recompute_at_a_time() -> None:
    """On PostgreSQL, wait for any other recomputation to commit before reading anything.

    Two at once (cron and the scheduler, say) would both find the old lights and both record the
    change. A transaction-scoped advisory lock serialises them, and the second then finds nothing
    to change. The single-project refreshes of edits do not take it: an edit holds its project's row
    and must not wait behind a recomputation that waits for that row. SQLite serialises writers
    itself; a site on SQLite runs one worker.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [RECOMPUTE_LOCK])


@transaction.atomic
def lights_recompute(
    *,
    plans: Iterable[Plan | int] | None = None,
    today: dt.date,
    by: User | None = None,
    cause: str = LightCause.RECOMPUTE,
) -> LightsSummary:
    """Judge every project and measure of ``plans`` (all plans by default) as of ``today``.

    A fixed number of queries whatever the number of projects (plus one per ``WRITE_BATCH`` rows
    written). Only lights or reasons that differ from the stored ones are written, and each change
    of a light is recorded as a :class:`StatusChange`: a second run on the same day writes nothing.
    ``by`` (a person starting the run) must be the coordinating office; scheduled runs pass none.
    """
    if by is not None and not can_edit_rules(by):
        raise PermissionDenied
    _one_recompute_at_a_time()
    if plans is None:
        plan_filter, scope = Q(), Q()
    else:
        ids = [plan if isinstance(plan, int) else plan.pk for plan in plans]
        plan_filter, scope = Q(pk__in=ids), Q(plan_id__in=ids)
    summary, _verdicts = _compute(scope=scope, plan_filter=plan_filter, today=today, cause=cause, by=by)
    return summary


@transaction.atomic
def project_light_refresh(
    *, project: Project, today: dt.date | None = None, by: User | None = None, cause: str = LightCause.EDIT
) -> Project:
    """Judge one project and its measures again after something about them changed.

    Called after the writes that change what the lights depend on: the ledger's edits of progress,
    status, deadline, measures and milestones (through its ``project_changed`` signal, see
    :mod:`.receivers`) and the acceptance and return of reports; they have checked their caller.
    ``cause`` is recorded with each change of a light. The given ``project`` gets its new light too.
    """
    _summary, verdicts = _compute(
        scope=Q(pk=project.pk),
        plan_filter=Q(pk=project.plan_id),
        today=today or timezone.localdate(),
        cause=cause,
        by=by,
    )
    if project.pk in verdicts:
        project.light, project.light_reasons = verdicts[project.pk]
    return project


@transaction.atomic
def rules_update(*, plan: Plan, by: User, today: dt.date | None = None, **fields: Any) -> StatusRules:
    """The coordinating office changes a plan's thresholds; the plan's lights are judged again.

    Raises ``PermissionDenied`` for anyone else and :class:`RulesError` for thresholds out of order.
    """
    if not can_edit_rules(by):
        raise PermissionDenied
    unknown = set(fields) - set(RULE_FIELDS)
    if unknown:
        raise TypeError(f"rules_update() cannot change {', '.join(sorted(unknown))}")
    rules = _ensure_rules([plan])[plan.pk]
    changed = sorted(name for name, value in fields.items() if getattr(rules, name) != value)
    for name, value in fields.items():
        setattr(rules, name, value)
    if rules.red_behind_points < rules.yellow_behind_points:
        raise RulesError(_("Red needs at least as many points behind as yellow."))
    if 0 < rules.red_report_problems < rules.yellow_report_problems:
        raise RulesError(_("Red needs at least as many report problems as yellow."))
    rules._history_user = by  # type: ignore[attr-defined]
    # django-simple-history's reason column holds 100 characters
    reason = "changed " + (", ".join(changed) or "nothing")
    rules._change_reason = reason if len(reason) <= 100 else reason[:99] + "…"  # type: ignore[attr-defined]
    rules.save()
    lights_recompute(plans=[plan], today=today or timezone.localdate(), by=by, cause=LightCause.RULES)
    return rules
