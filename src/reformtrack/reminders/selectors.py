"""Reads of the reminders app: what is due to whom today, a person's notifications, the delivery log.

:func:`reminders_due` costs a fixed number of queries (eleven) whatever the size of the programme:
each source is one query (two with its units), the people of every unit involved three more.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import translation

from reformtrack.accounts.choices import Role
from reformtrack.accounts.models import Profile
from reformtrack.ledger.choices import ProjectStatus, UnitRole
from reformtrack.ledger.models import Measure, MeasureUnit, Project, ProjectUnit, Unit
from reformtrack.reporting.choices import ReportStatus
from reformtrack.reporting.models import ProgressReport, ReportingCycle
from reformtrack.reporting.selectors import cycle_periods
from reformtrack.supervision.choices import OrderStatus
from reformtrack.supervision.models import SupervisionOrder

from . import texts
from .choices import DeliveryStatus, ReminderKind
from .models import Delivery, NoticePreference, Notification, WebhookTarget

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from reformtrack.accounts.permissions import AnyUser

# A run that was missed (server down, cron not run) still sends a reminder up to this many days
# after its day, unless the next reminder of the same deadline is due by then.
CATCH_UP_DAYS = 3

# Projects whose deadlines are not chased: done, or deliberately halted.
_NOT_CHASED = (ProjectStatus.COMPLETED, ProjectStatus.SUSPENDED)
# The roles that answer for a unit's work (改革分管领导, 联络员); co-unit staff are not reminded.
_RESPONSIBLE_ROLES = (Role.UNIT_LEAD, Role.CLERK)


@dataclass
class Due:
    """A reminder due today: about what, to which units, in which words, and to whom."""

    kind: str
    object_ref: str
    due: dt.date
    offset: int
    units: list[Unit]
    title: str
    body: str
    url: str
    # besides the people of the units: the leader in charge of an overdue project
    extra_recipients: list[User] = field(default_factory=list)
    recipients: list[User] = field(default_factory=list)
    webhooks: list[WebhookTarget] = field(default_factory=list)


def reminder_offsets() -> list[int]:
    """The days, relative to a due date, on which reminders go: ``[-7, -1, 1, 7]`` by default."""
    before = {-day for day in settings.REMINDER_DAYS_BEFORE}
    after = {day for day in settings.REMINDER_DAYS_AFTER if day > 0}
    return sorted(before | after)


def stage(due: dt.date, today: dt.date, offsets: list[int]) -> int | None:
    """The reminder of ``due`` that is owed on ``today``, as its offset, or ``None``.

    The reminder of offset ``o`` is owed from the day ``due + o`` until the next reminder's day, for
    at most :data:`CATCH_UP_DAYS` days; a reminder before the date is owed until the date itself.
    So a missed daily run is made up for, and a deadline long past is not reminded of again.
    """
    days = (today - due).days
    for index, offset in enumerate(offsets):
        following = offsets[index + 1] if index + 1 < len(offsets) else None
        end = offset + CATCH_UP_DAYS
        if following is not None:
            end = min(end, following)
        if offset <= 0:
            end = min(end, 1)
        if offset <= days < end:
            return offset
    return None


def _window(today: dt.date, offsets: list[int]) -> tuple[dt.date, dt.date]:
    """The due dates that can have a reminder owed today."""
    if not offsets:
        return today, today - dt.timedelta(days=1)  # empty
    return today - dt.timedelta(days=offsets[-1] + CATCH_UP_DAYS), today - dt.timedelta(days=offsets[0])


def reminders_due(today: dt.date) -> list[Due]:
    """Every reminder owed on ``today`` with its recipients and group robots (eleven queries)."""
    offsets = reminder_offsets()
    first, last = _window(today, offsets)
    with translation.override(settings.LANGUAGE_CODE):
        items = [
            *_reports_due(today, offsets, first, last),
            *_deadlines_due(today, offsets, first, last),
            *_measures_due(today, offsets, first, last),
            *_orders_due(today, offsets, first, last),
        ]
    _resolve(items)
    return items


def _reports_due(today: dt.date, offsets: list[int], first: dt.date, last: dt.date) -> list[Due]:
    """Reports owed: due in the window, and not started, a draft, or returned and not resubmitted.

    Unlike the "my reports" page this looks past a period's grace days: a late report is still owed,
    and its reminders after the due date are the point.
    """
    cycles = list(ReportingCycle.objects.filter(active=True, start__lte=today).select_related("plan"))
    periods = {
        cycle.pk: [p for p in cycle_periods(cycle) if p.start <= today and first <= p.due <= last]
        for cycle in cycles
    }
    cycles = [cycle for cycle in cycles if periods[cycle.pk]]
    if not cycles:
        return []
    leads = list(
        ProjectUnit.objects.filter(
            role=UnitRole.LEAD,
            project__plan__in={c.plan_id for c in cycles},
            project__archived_at__isnull=True,  # a dropped project owes no report
        )
        .select_related("project", "unit")
        .order_by("project__plan", "project__position", "position")
    )
    reports = {
        (r.cycle_id, r.period_start, r.project_id, r.unit_id): r
        for r in ProgressReport.objects.filter(
            cycle__in=cycles, period_start__in={p.start for ps in periods.values() for p in ps}
        ).only("id", "cycle_id", "period_start", "project_id", "unit_id", "status")
    }
    items: list[Due] = []
    for cycle in cycles:
        for period in periods[cycle.pk]:
            offset = stage(period.due, today, offsets)
            if offset is None:
                continue
            for link in leads:
                if link.project.plan_id != cycle.plan_id:
                    continue
                report = reports.get((cycle.pk, period.start, link.project_id, link.unit_id))
                if report is not None and report.status not in (ReportStatus.DRAFT, ReportStatus.RETURNED):
                    continue
                subject = f"{link.project.label}{link.project.title}"
                label = texts.period(cycle.frequency, period.start, period.end)
                url = (
                    reverse("reporting:report_detail", args=[report.pk])
                    if report is not None
                    else reverse("reporting:my_reports")
                )
                body = texts.report(
                    offset=offset,
                    unit=link.unit.name,
                    project=subject,
                    period_label=label,
                    due=period.due,
                    returned=report is not None and report.status == ReportStatus.RETURNED,
                )
                items.append(
                    Due(
                        kind=ReminderKind.REPORT,
                        object_ref=f"{cycle.pk}/{period.start:%Y%m%d}/{link.project_id}/{link.unit_id}",
                        due=period.due,
                        offset=offset,
                        units=[link.unit],
                        title=texts.title(
                            offset=offset, kind=label + str(ReminderKind.REPORT.label), subject=subject
                        ),
                        body=body,
                        url=url,
                    )
                )
    return items


def _lead_units(links: Iterable[ProjectUnit | MeasureUnit]) -> list[Unit]:
    return [link.unit for link in links]


def _deadlines_due(today: dt.date, offsets: list[int], first: dt.date, last: dt.date) -> list[Due]:
    """Projects not completed (nor suspended) with a deadline in the window; the leader in charge
    hears of them once they are overdue (two queries)."""
    projects = (
        Project.objects.filter(deadline__range=(first, last))
        .exclude(status__in=_NOT_CHASED)
        .select_related("leader")
        .prefetch_related(
            Prefetch(
                "project_units",
                queryset=ProjectUnit.objects.filter(role=UnitRole.LEAD).select_related("unit"),
                to_attr="lead_links",
            )
        )
        .order_by("plan", "position")
    )
    items: list[Due] = []
    for project in projects:
        assert project.deadline is not None
        offset = stage(project.deadline, today, offsets)
        if offset is None:
            continue
        units = _lead_units(project.lead_links)
        subject = f"{project.label}{project.title}"
        leader = project.leader if project.leader is not None and project.leader.is_active else None
        items.append(
            Due(
                kind=ReminderKind.PROJECT,
                object_ref=str(project.pk),
                due=project.deadline,
                offset=offset,
                units=units,
                title=texts.title(offset=offset, kind=str(ReminderKind.PROJECT.label), subject=subject),
                body=texts.deadline(
                    offset=offset, units=_names(units), project=subject, measure="", due=project.deadline
                ),
                url=reverse("web:project_detail", args=[project.pk]),
                extra_recipients=[leader] if leader is not None and offset > 0 else [],
            )
        )
    return items


def _measures_due(today: dt.date, offsets: list[int], first: dt.date, last: dt.date) -> list[Due]:
    """Measures not at 100 % of projects still chased, with a deadline in the window; a measure
    without lead units of its own is the project's lead units' (three queries)."""
    measures = (
        Measure.objects.filter(deadline__range=(first, last), progress__lt=100)
        .exclude(project__status__in=_NOT_CHASED)
        .select_related("project")
        .prefetch_related(
            Prefetch(
                "measure_units",
                queryset=MeasureUnit.objects.filter(role=UnitRole.LEAD).select_related("unit"),
                to_attr="lead_links",
            ),
            Prefetch(
                "project__project_units",
                queryset=ProjectUnit.objects.filter(role=UnitRole.LEAD).select_related("unit"),
                to_attr="lead_project_links",
            ),
        )
        .order_by("project__plan", "project__position", "position")
    )
    items: list[Due] = []
    for measure in measures:
        assert measure.deadline is not None
        offset = stage(measure.deadline, today, offsets)
        if offset is None:
            continue
        units = _lead_units(measure.lead_links) or _lead_units(measure.project.lead_project_links)  # type: ignore[attr-defined]
        project = f"{measure.project.label}{measure.project.title}"
        items.append(
            Due(
                kind=ReminderKind.MEASURE,
                object_ref=str(measure.pk),
                due=measure.deadline,
                offset=offset,
                units=units,
                title=texts.title(offset=offset, kind=str(ReminderKind.MEASURE.label), subject=measure.text),
                body=texts.deadline(
                    offset=offset,
                    units=_names(units),
                    project=project,
                    measure=measure.text,
                    due=measure.deadline,
                ),
                url=reverse("web:project_detail", args=[measure.project_id]),
            )
        )
    return items


def _orders_due(today: dt.date, offsets: list[int], first: dt.date, last: dt.date) -> list[Due]:
    """Supervision orders issued and not answered, with a response date in the window (one query)."""
    orders = SupervisionOrder.objects.filter(
        status=OrderStatus.ISSUED, response_due__range=(first, last)
    ).select_related("unit", "project")
    items: list[Due] = []
    for order in orders:
        offset = stage(order.response_due, today, offsets)
        if offset is None:
            continue
        subject = f"{order.project.label}{order.project.title}"
        items.append(
            Due(
                kind=ReminderKind.ORDER,
                object_ref=str(order.pk),
                due=order.response_due,
                offset=offset,
                units=[order.unit],
                title=texts.title(offset=offset, kind=str(ReminderKind.ORDER.label), subject=order.number),
                body=texts.order(
                    offset=offset,
                    unit=order.unit.name,
                    number=order.number,
                    project=subject,
                    due=order.response_due,
                ),
                url=reverse("supervision:order_detail", args=[order.pk]),
            )
        )
    return items


def _names(units: list[Unit]) -> str:
    return "、".join(unit.name for unit in units)


def _resolve(items: list[Due]) -> None:
    """Fill in the recipients and group robots of every item (four queries for all of them).

    A unit's people are its reform lead (Unit.reform_lead) and its accounts with the role unit
    reform lead or clerk; a collective unit's (各街道办事处) are also those of its member units, who act
    for it. Inactive accounts hear nothing.
    """
    if not items:
        return
    unit_ids = {unit.pk for item in items for unit in item.units}
    members: dict[int, set[int]] = {}
    for link in Unit.members.through.objects.filter(from_unit_id__in=unit_ids):
        members.setdefault(link.from_unit_id, set()).add(link.to_unit_id)
    every = unit_ids | {member for ids in members.values() for member in ids}
    people: dict[int, dict[int, User]] = {unit_id: {} for unit_id in every}
    for unit in Unit.objects.filter(pk__in=every, reform_lead__is_active=True).select_related("reform_lead"):
        assert unit.reform_lead is not None
        people[unit.pk][unit.reform_lead.pk] = unit.reform_lead
    profiles = Profile.objects.filter(
        unit_id__in=every, role__in=_RESPONSIBLE_ROLES, user__is_active=True
    ).select_related("user")
    for profile in profiles.order_by("user_id"):
        assert profile.unit_id is not None
        people[profile.unit_id][profile.user_id] = profile.user
    targets = list(WebhookTarget.objects.filter(active=True))
    for item in items:
        ids = {unit.pk for unit in item.units}
        ids |= {member for unit_id in list(ids) for member in members.get(unit_id, ())}
        found: dict[int, User] = {}
        for unit_id in sorted(ids):
            found.update(people.get(unit_id, {}))
        for user in item.extra_recipients:
            found[user.pk] = user
        item.recipients = list(found.values())
        item.webhooks = [t for t in targets if t.unit_id is None or t.unit_id in ids]


# the event notices (notices.py) find their people as the reminders do
resolve_recipients = _resolve


def notifications_of(user: AnyUser) -> QuerySet[Notification]:
    """The user's notifications, newest first."""
    if not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(recipient_id=user.pk)


def unread_count(user: AnyUser) -> int:
    """How many of the user's notifications are unread (one query; the bell)."""
    return notifications_of(user).filter(read_at__isnull=True).count()


def notice_preferences_of(user: AnyUser) -> dict[str, str]:
    """The user's own choices of channel, by kind of event (one query); the kinds not chosen are
    heard in the app."""
    if not user.is_authenticated:
        return {}
    return dict(NoticePreference.objects.filter(user_id=user.pk).values_list("kind", "channel"))


def delivery_log(*, status: str = "") -> QuerySet[Delivery]:
    """Every delivery, newest first, with its recipient, unit and group robot; ``status`` filters."""
    deliveries = Delivery.objects.select_related("recipient", "unit", "webhook")
    if status in DeliveryStatus.values:
        deliveries = deliveries.filter(status=status)
    return deliveries


def webhook_targets() -> QuerySet[WebhookTarget]:
    """The group robots, with their unit."""
    return WebhookTarget.objects.select_related("unit")


def failed_deliveries(*, since: dt.datetime | None = None) -> QuerySet[Delivery]:
    """The failed deliveries (optionally: changed since ``since``), for the command to print."""
    failed = Delivery.objects.filter(status=DeliveryStatus.FAILED).select_related("recipient", "webhook")
    return failed if since is None else failed.filter(Q(claimed_at__gte=since))
