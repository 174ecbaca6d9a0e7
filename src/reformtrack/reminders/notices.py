"""Event notices (事项通知): what happened, in whose words, to whom.

The lower apps announce their events through their signals (``reporting.signals.report_event``,
``supervision.signals``) after they commit; :mod:`.receivers` turns each into an :class:`Event` here
and :func:`reformtrack.reminders.notice_services.notice_record` records and delivers it.

Who hears what:

===================  =====================================================================
event                recipients
===================  =====================================================================
report submitted     the coordinating office
report returned,     the report's unit: its reform lead and its unit leads and clerks
accepted
order issued,        the order's unit
closed, escalated
order answered       the office that issued it (coordinating or supervision office)
extension requested  the coordinating office
extension decided    the requesting unit
bulletin issued      the offices and the district leaders (a unit reads it once published)
===================  =====================================================================

The person who acted hears nothing of their own act. The words are rendered in each recipient's
language (:func:`language_of`): data carry codes, notices carry words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reformtrack.accounts.choices import Role
from reformtrack.accounts.models import Profile
from reformtrack.core.text import single_line
from reformtrack.supervision.choices import ExtensionStatus, IssuingOffice

from . import texts
from .choices import NoticeKind
from .selectors import Due, resolve_recipients

if TYPE_CHECKING:
    import datetime as dt

    from django.contrib.auth.models import User

    from reformtrack.ledger.models import Project, Unit
    from reformtrack.reporting.models import ProgressReport
    from reformtrack.supervision.models import Bulletin, ExtensionRequest, SupervisionOrder

    from .models import WebhookTarget

# The words of a notice, rendered in the active language: (title, body).
Words = Callable[[], tuple[str, str]]
_TITLE_LENGTH = 200


@dataclass
class Event:
    """One event to announce: its kind, the object (with a version where it can recur), the units
    it is about, the office roles that hear it, and its words."""

    kind: NoticeKind
    object_ref: str
    words: Words
    url: str
    units: list[Unit] = field(default_factory=list)
    roles: tuple[str, ...] = ()
    actor_id: int | None = None
    day: dt.date = field(default_factory=timezone.localdate)
    recipients: list[User] = field(default_factory=list)
    webhooks: list[WebhookTarget] = field(default_factory=list)


def language_of(user: User | None) -> str:
    """The language a person reads notices in: the profile stores none yet, so the site's (zh-hans)."""
    return str(settings.LANGUAGE_CODE)


def rendered(event: Event, language: str) -> tuple[str, str]:
    """The event's title and body in ``language``; the title on one line, cut to fit."""
    with translation.override(language):
        title, body = event.words()
    title = single_line(title)
    return (title if len(title) <= _TITLE_LENGTH else title[: _TITLE_LENGTH - 1] + "…"), body


def _title(kind: NoticeKind, subject: str) -> str:
    return _("%(kind)s: “%(subject)s”") % {"kind": kind.label, "subject": single_line(subject)}


def _project(project: Project) -> str:
    return f"{project.label}{project.title}"


def report_event(*, report: ProgressReport, event: str, by: User | None) -> Event:
    """A report submitted (the office hears), returned or accepted (the unit hears)."""
    kind = NoticeKind(f"report_{event}")
    project = report.project
    values = {"unit": report.unit.name, "project": _project(project)}

    def words() -> tuple[str, str]:
        values["period"] = texts.period(report.cycle.frequency, report.period_start, report.period_end)
        if kind == NoticeKind.REPORT_SUBMITTED:
            body = _(
                "%(unit)s submitted the progress report on “%(project)s” for %(period)s; it awaits review."
            )
        elif kind == NoticeKind.REPORT_RETURNED:
            values["comment"] = report.review_comment
            body = _("The progress report on “%(project)s” for %(period)s was returned: %(comment)s")
        else:
            body = _("The progress report on “%(project)s” for %(period)s was accepted.")
        return _title(kind, values["project"]), body % values

    office = kind == NoticeKind.REPORT_SUBMITTED
    return Event(
        kind=kind,
        object_ref=f"{report.pk}/v{report.version}",  # a report is returned and resubmitted again
        words=words,
        url=reverse("reporting:report_detail", args=[report.pk]),
        units=[] if office else [report.unit],
        roles=(Role.OFFICE,) if office else (),
        actor_id=by.pk if by is not None else None,
    )


def order_event(
    *, order: SupervisionOrder, event: str, by: User | None, successor: SupervisionOrder | None = None
) -> Event:
    """An order issued, closed or escalated (the unit hears) or answered (the issuing office hears)."""
    kind = NoticeKind(f"order_{event}")
    answered = kind == NoticeKind.ORDER_ANSWERED
    shown = successor if successor is not None else order
    values = {"unit": order.unit.name, "number": order.number, "project": _project(order.project)}

    def words() -> tuple[str, str]:
        values["date"] = texts.date(shown.response_due)
        values["successor"] = shown.number
        body = {
            NoticeKind.ORDER_ISSUED: _(
                "Supervision order %(number)s (“%(project)s”) was issued to %(unit)s; answer by %(date)s."
            ),
            NoticeKind.ORDER_ANSWERED: _("%(unit)s answered supervision order %(number)s (“%(project)s”)."),
            NoticeKind.ORDER_CLOSED: _("Supervision order %(number)s (“%(project)s”) was closed out."),
            NoticeKind.ORDER_ESCALATED: _(
                "Supervision order %(number)s (“%(project)s”) was escalated to order %(successor)s; "
                "%(unit)s must answer by %(date)s."
            ),
        }[kind]
        return _title(kind, order.number), body % values

    office = Role.SUPERVISION if order.issuing_office == IssuingOffice.SUPERVISION else Role.OFFICE
    return Event(
        kind=kind,
        object_ref=str(order.pk),  # each of these happens to an order once
        words=words,
        url=reverse("supervision:order_detail", args=[shown.pk]),
        units=[] if answered else [order.unit],
        roles=(office,) if answered else (),
        actor_id=by.pk if by is not None else None,
    )


def extension_event(*, request: ExtensionRequest, event: str, by: User | None) -> Event:
    """An extension requested (the office hears) or decided (the requesting unit hears)."""
    kind = NoticeKind(f"extension_{event}")
    subject = request.measure.text if request.measure is not None else _project(request.project)
    values = {"unit": request.unit.name, "subject": subject, "comment": request.decision_comment}

    def words() -> tuple[str, str]:
        values["new"] = texts.date(request.requested_deadline)
        if kind == NoticeKind.EXTENSION_REQUESTED:
            body = _("%(unit)s asks to extend the deadline of “%(subject)s” to %(new)s.")
        elif request.status == ExtensionStatus.APPROVED:
            body = _("The extension of “%(subject)s” to %(new)s was approved.")
        else:
            body = _("The extension of “%(subject)s” to %(new)s was rejected: %(comment)s")
        return _title(kind, subject), body % values

    requested = kind == NoticeKind.EXTENSION_REQUESTED
    return Event(
        kind=kind,
        object_ref=str(request.pk),
        words=words,
        url=reverse("supervision:extension_list"),
        units=[] if requested else [request.unit],
        roles=(Role.OFFICE,) if requested else (),
        actor_id=by.pk if by is not None else None,
    )


def bulletin_event(*, bulletin: Bulletin, by: User | None) -> Event:
    """A bulletin issued: the offices and the district leaders hear (units read it once published)."""
    kind = NoticeKind.BULLETIN_ISSUED

    def words() -> tuple[str, str]:
        body = _("Bulletin %(number)s “%(title)s” was issued.") % {
            "number": bulletin.number,
            "title": bulletin.title,
        }
        return _title(kind, bulletin.title), body

    return Event(
        kind=kind,
        object_ref=str(bulletin.pk),
        words=words,
        url=reverse("supervision:bulletin_detail", args=[bulletin.pk]),
        roles=(Role.OFFICE, Role.SUPERVISION, Role.LEADER),
        actor_id=by.pk if by is not None else None,
    )


def recipients_find(event: Event) -> None:
    """Fill in the people and group robots of ``event`` (three queries for a unit's, two for an
    office's): the units' people as the reminders find them, the active accounts of the roles,
    less the person who acted. A unit's robots hear its events; an office's event only the robots
    that hear every unit."""
    extra = (
        [
            profile.user
            for profile in Profile.objects.filter(role__in=event.roles, user__is_active=True)
            .select_related("user")
            .order_by("user_id")
        ]
        if event.roles
        else []
    )
    due = Due(
        kind=event.kind,
        object_ref=event.object_ref,
        due=event.day,
        offset=0,
        units=event.units,
        title="",
        body="",
        url=event.url,
        extra_recipients=extra,
    )
    resolve_recipients([due])
    event.recipients = [user for user in due.recipients if user.pk != event.actor_id]
    event.webhooks = due.webhooks
