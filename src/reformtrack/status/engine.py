"""The status engine: a project's and its measures' light from their facts, the plan's rules and a day.

Plain Python, no Django (a test imports it alone), so every rule is unit-tested without a database.
The rules and their order of precedence are written down in ``docs/architecture.md`` ("Status
lights"); this module is their one implementation. :mod:`reformtrack.status.services` loads the
facts in bulk, calls :func:`judge_project` and stores the verdicts.

A verdict is a light and the reasons for it: machine codes with parameters (``{"code": "overdue",
"deadline": "2014-06-30", "days": 12}``), rendered in the user's language on the pages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

# The lights, as stored in ledger Project.light / Measure.light (ledger.choices.Light).
GREEN = "green"
YELLOW = "yellow"
RED = "red"
NONE = "none"  # not assessed: a suspended project and its measures

SEVERITY = {NONE: 0, GREEN: 1, YELLOW: 2, RED: 3}

# Reason codes, each with the light it calls for.
COMPLETED = "completed"  # green: status completed or progress 100 %
SUSPENDED = "suspended"  # none: a suspended project is not judged
ON_TRACK = "on_track"  # green: nothing else applies
OVERDUE = "overdue"  # red: the deadline has passed, not complete
BEHIND_RED = "behind_red"  # red: behind expected progress by at least red_behind_points
BEHIND_YELLOW = "behind_yellow"  # yellow: behind by at least yellow_behind_points
DEADLINE_NEAR = "deadline_near"  # yellow: deadline within near_days, not complete
REPORTS_RED = "reports_red"  # red: missing/late + returned reports ≥ red_report_problems
REPORTS_YELLOW = "reports_yellow"  # yellow: ≥ yellow_report_problems
MILESTONE_OVERDUE = "milestone_overdue"  # yellow (if the rule is on): a milestone past its date, not done
MEASURE_RED = "measure_red"  # red: a measure of the project is red
MEASURE_YELLOW = "measure_yellow"  # yellow: a measure is yellow
TARGET_BEHIND = "target_behind"  # yellow: a target's achievement is behind its expected path


@dataclass(frozen=True)
class Rules:
    """The thresholds of one plan (``status.StatusRules``); the defaults are the documented ones."""

    near_days: int = 30
    yellow_behind_points: int = 10
    red_behind_points: int = 25
    yellow_report_problems: int = 1
    red_report_problems: int = 3
    overdue_milestone_yellow: bool = True
    target_behind_points: int = 10  # 0: the rule is off


@dataclass(frozen=True)
class MilestoneFacts:
    date: dt.date
    done: bool


@dataclass(frozen=True)
class MeasureFacts:
    id: int
    deadline: dt.date | None
    progress: int


@dataclass(frozen=True)
class TargetFacts:
    """A target's achievement (0–100) and the achievement its expected path calls for today
    (``ledger.achievement``); targets without both are not judged."""

    id: int
    text: str
    achievement: float
    expected: float


@dataclass(frozen=True)
class ReportFacts:
    """What the reports of a project say: past-due periods without a report submitted (or submitted
    late), reports now returned, and the percentage of the latest accepted one."""

    missing: int = 0
    returned: int = 0
    latest_accepted: int | None = None


@dataclass(frozen=True)
class ProjectFacts:
    id: int
    start: dt.date | None  # where expected progress starts (see expected_progress)
    deadline: dt.date | None
    progress: int
    status: str  # ledger ProjectStatus value
    # the end of the plan's period: what progress is expected towards when there is no deadline
    plan_end: dt.date | None = None
    milestones: Sequence[MilestoneFacts] = ()
    measures: Sequence[MeasureFacts] = ()
    reports: ReportFacts = field(default_factory=ReportFacts)
    targets: Sequence[TargetFacts] = ()


Reason = dict[str, Any]


@dataclass(frozen=True)
class Verdict:
    light: str
    reasons: list[Reason]


@dataclass(frozen=True)
class ProjectVerdict(Verdict):
    measures: dict[int, Verdict] = field(default_factory=dict)


def worst(lights: Sequence[str]) -> str:
    """The most severe of the lights (red > yellow > green > none); none for no lights."""
    return max(lights, key=SEVERITY.__getitem__, default=NONE)


def expected_progress(start: dt.date | None, deadline: dt.date | None, today: dt.date) -> float | None:
    """Progress expected today on a straight line from 0 % at ``start`` to 100 % at ``deadline``.

    ``None`` without a deadline (持续推进, ongoing) or a start. A start on or after the deadline
    expects everything from the deadline on and nothing before.
    """
    if start is None or deadline is None:
        return None
    if deadline <= start:
        return 100.0 if today >= deadline else 0.0
    share = (today - start).days / (deadline - start).days
    return max(0.0, min(100.0, share * 100))


def _reason(code: str, light: str, **params: Any) -> Reason:
    return {"code": code, "light": light, **params}


def _timing(
    deadline: dt.date | None,
    start: dt.date | None,
    progress: int,
    rules: Rules,
    today: dt.date,
    plan_end: dt.date | None = None,
) -> list[Reason]:
    """The deadline and expected-progress reasons shared by projects and measures (not complete).

    Without a deadline (持续推进, ongoing) nothing is overdue or near, but progress is still expected
    towards the end of the plan's period: ongoing work of a plan that has ended is not on track at 0 %.
    """
    reasons: list[Reason] = []
    if deadline is not None and deadline < today:
        reasons.append(_reason(OVERDUE, RED, deadline=deadline.isoformat(), days=(today - deadline).days))
    elif deadline is not None and (deadline - today).days <= rules.near_days:
        reasons.append(
            _reason(DEADLINE_NEAR, YELLOW, deadline=deadline.isoformat(), days=(deadline - today).days)
        )
    expected = expected_progress(start, deadline or plan_end, today)
    if expected is not None:
        behind = expected - progress
        params = {"expected": round(expected), "progress": progress, "behind": round(behind)}
        if behind >= rules.red_behind_points:
            reasons.append(_reason(BEHIND_RED, RED, **params))
        elif behind >= rules.yellow_behind_points:
            reasons.append(_reason(BEHIND_YELLOW, YELLOW, **params))
    return reasons


def _verdict(reasons: list[Reason]) -> Verdict:
    if not reasons:
        return Verdict(GREEN, [_reason(ON_TRACK, GREEN)])
    ordered = sorted(reasons, key=lambda reason: -SEVERITY[reason["light"]])
    return Verdict(worst([reason["light"] for reason in reasons]), ordered)


def judge_measure(
    measure: MeasureFacts,
    *,
    start: dt.date | None,
    project_deadline: dt.date | None,
    rules: Rules,
    today: dt.date,
    plan_end: dt.date | None = None,
) -> Verdict:
    """A measure's light from its deadline (its project's when it has none) and its progress."""
    if measure.progress >= 100:
        return Verdict(GREEN, [_reason(COMPLETED, GREEN)])
    deadline = measure.deadline or project_deadline
    return _verdict(_timing(deadline, start, measure.progress, rules, today, plan_end))


def _targets_behind(targets: Sequence[TargetFacts], rules: Rules) -> list[Reason]:
    """Yellow when a target is ``target_behind_points`` or more behind its expected path; the reason
    names the furthest behind and how many are."""
    if rules.target_behind_points <= 0:
        return []
    behind = [t for t in targets if t.expected - t.achievement >= rules.target_behind_points]
    if not behind:
        return []
    worst_target = max(behind, key=lambda t: t.expected - t.achievement)
    return [
        _reason(
            TARGET_BEHIND,
            YELLOW,
            count=len(behind),
            target=worst_target.text[:40],
            achievement=round(worst_target.achievement),
            expected=round(worst_target.expected),
            behind=round(worst_target.expected - worst_target.achievement),
        )
    ]


def judge_project(project: ProjectFacts, rules: Rules, today: dt.date) -> ProjectVerdict:
    """A project's light and its measures', by the documented order of precedence:

    1. completed (status completed or progress 100 %) → green, and so are its measures;
    2. suspended → none (not judged), and so are its measures;
    3. otherwise every rule that applies gives a reason with its light, and the light is the worst
       of them — overdue, far behind, many report problems or a red measure make red; a near
       deadline, behind, report problems, an overdue milestone, a target behind its expected path
       or a yellow measure make yellow;
       no reason at all is green (on track).
    """
    measure_ids = [measure.id for measure in project.measures]
    if project.status == "completed" or project.progress >= 100:
        done = Verdict(GREEN, [_reason(COMPLETED, GREEN)])
        return ProjectVerdict(done.light, done.reasons, dict.fromkeys(measure_ids, done))
    if project.status == "suspended":
        paused = Verdict(NONE, [_reason(SUSPENDED, NONE)])
        return ProjectVerdict(paused.light, paused.reasons, dict.fromkeys(measure_ids, paused))

    # Units that report on the project as a whole leave every measure at 0 %: those measures are
    # judged at the project's progress rather than called behind for want of a figure.
    measures_reported = any(measure.progress > 0 for measure in project.measures)
    measures = {
        measure.id: judge_measure(
            measure if measures_reported else MeasureFacts(measure.id, measure.deadline, project.progress),
            start=project.start,
            project_deadline=project.deadline,
            rules=rules,
            today=today,
            plan_end=project.plan_end,
        )
        for measure in project.measures
    }

    reasons = _timing(project.deadline, project.start, project.progress, rules, today, project.plan_end)
    problems = project.reports.missing + project.reports.returned
    report_params = {
        "missing": project.reports.missing,
        "returned": project.reports.returned,
        "problems": problems,
    }
    if rules.red_report_problems > 0 and problems >= rules.red_report_problems:
        reasons.append(_reason(REPORTS_RED, RED, **report_params))
    elif rules.yellow_report_problems > 0 and problems >= rules.yellow_report_problems:
        reasons.append(_reason(REPORTS_YELLOW, YELLOW, **report_params))
    if rules.overdue_milestone_yellow:
        late = [m for m in project.milestones if not m.done and m.date < today]
        if late:
            first = min(m.date for m in late)
            reasons.append(_reason(MILESTONE_OVERDUE, YELLOW, count=len(late), first=first.isoformat()))
    reasons.extend(_targets_behind(project.targets, rules))
    for light, code in ((RED, MEASURE_RED), (YELLOW, MEASURE_YELLOW)):
        count = sum(1 for verdict in measures.values() if verdict.light == light)
        if count:
            reasons.append(_reason(code, light, count=count))
    verdict = _verdict(reasons)
    return ProjectVerdict(verdict.light, verdict.reasons, measures)
