"""Writes of nominations: a unit drafts, edits, adds evidence and submits; the office checks
eligibility. Re-exported by :mod:`.services`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from reformtrack.core.official_docx import chinese_date
from reformtrack.core.text import multi_line, single_line
from reformtrack.ledger.choices import UnitRole
from reformtrack.ledger.models import Project, ProjectUnit
from reformtrack.reporting.choices import ReportStatus
from reformtrack.reporting.errors import EvidenceRefused
from reformtrack.reporting.evidence_services import checked_upload
from reformtrack.reporting.models import ProgressReport

from .choices import NominationStatus
from .eligibility import NominationFacts, ProjectFacts, check_eligibility
from .errors import AwardRefused
from .models import AwardCall, Nomination, NominationEvidence, NominationProject
from .permissions import can_edit_nomination, can_manage_award, can_nominate, can_view_nomination, own_unit_id

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.core.files.uploadedfile import UploadedFile

MAX_EVIDENCE_FILES = 10
# The statuses the eligibility check judges (again): a later stage is the panel's and the office's.
CHECKED = (NominationStatus.SUBMITTED, NominationStatus.ELIGIBLE, NominationStatus.INELIGIBLE)


def _check_window(call: AwardCall) -> None:
    today = timezone.localdate()
    if not call.nomination_opens <= today <= call.nomination_closes:
        raise AwardRefused(
            _("Nominations are taken from %(opens)s to %(closes)s.")
            % {
                "opens": chinese_date(call.nomination_opens),
                "closes": chinese_date(call.nomination_closes),
            }
        )


def _link(nomination: Nomination, projects: Iterable[Project], by: User) -> None:
    """The nomination's projects become ``projects``: those the unit takes part in only."""
    wanted = {project.pk for project in projects}
    allowed = set(
        ProjectUnit.objects.filter(project__in=wanted, unit=nomination.unit_id).values_list(
            "project", flat=True
        )
    )
    if wanted - allowed:
        raise AwardRefused(_("A nomination links projects of its own unit only."))
    current = {link.project_id: link for link in nomination.links.all()}
    for pk, link in current.items():
        if pk not in wanted:
            link._history_user = by  # type: ignore[attr-defined]
            link.delete()
    for pk in wanted - set(current):
        link = NominationProject(nomination=nomination, project_id=pk)
        link._history_user = by  # type: ignore[attr-defined]
        link.save()


@transaction.atomic
def nomination_create(
    *, by: User, call: AwardCall, title: str, statement: str, projects: Iterable[Project]
) -> Nomination:
    """A draft nomination of the user's unit (its reform lead or clerk), in the nomination window."""
    if not can_nominate(by):
        raise PermissionDenied
    _check_window(call)
    nomination = Nomination(
        call=call,
        unit_id=own_unit_id(by) or 0,
        title=single_line(title),
        statement=multi_line(statement),
        created_by=by,
    )
    nomination._history_user = by  # type: ignore[attr-defined]
    nomination.save()
    _link(nomination, projects, by)
    return nomination


def _editable(nomination: Nomination, by: User, version: int | None) -> Nomination:
    """The draft locked for a write of its unit's reform lead or clerk, at ``version`` when given."""
    if not can_view_nomination(by, nomination):
        raise Http404("no such nomination")
    if not can_edit_nomination(by, nomination):
        raise PermissionDenied
    locked = Nomination.objects.select_for_update().select_related("call").get(pk=nomination.pk)
    if locked.status != NominationStatus.DRAFT:
        raise AwardRefused(_("The nomination is %(status)s.") % {"status": locked.get_status_display()})
    if version is not None and locked.version != version:
        raise AwardRefused(_("Someone saved the nomination in the meantime; open it again."))
    return locked


@transaction.atomic
def nomination_update(
    *, by: User, nomination: Nomination, version: int, title: str, statement: str, projects: Iterable[Project]
) -> Nomination:
    """Change a draft at the version its form showed."""
    nomination = _editable(nomination, by, version)
    nomination.title, nomination.statement = single_line(title), multi_line(statement)
    nomination.version += 1
    nomination._history_user = by  # type: ignore[attr-defined]
    nomination.save()
    _link(nomination, projects, by)
    return nomination


@transaction.atomic
def nomination_submit(*, by: User, nomination: Nomination, version: int) -> Nomination:
    """Submit a draft (申报) within the nomination window; the office checks it afterwards."""
    nomination = _editable(nomination, by, version)
    _check_window(nomination.call)
    nomination.status = NominationStatus.SUBMITTED
    nomination.submitted_at = timezone.now()
    nomination.version += 1
    nomination._history_user = by  # type: ignore[attr-defined]
    nomination.save()
    return nomination


@transaction.atomic
def evidence_add(*, by: User, nomination: Nomination, upload: UploadedFile[bytes]) -> NominationEvidence:
    """Keep an evidence file of a draft by reporting/evidence.py's rules (kind from the content,
    size and unpacked-size limits); a copy of a kept file, or past ``MAX_EVIDENCE_FILES``, is refused."""
    nomination = _editable(nomination, by, None)  # a file adds to the draft: no stale form to refuse
    try:
        checked = checked_upload(upload)
    except EvidenceRefused as exc:
        raise AwardRefused(str(exc)) from exc
    if nomination.evidence.count() >= MAX_EVIDENCE_FILES:
        raise AwardRefused(_("A nomination holds at most %(count)d files.") % {"count": MAX_EVIDENCE_FILES})
    evidence = NominationEvidence(
        nomination=nomination,
        original_name=checked.name,
        content_type=checked.kind.mime,
        size=len(checked.content),
        sha256=checked.sha256,
        uploaded_by=by,
    )
    evidence.file.save(f"{checked.sha256}.{checked.kind.extension}", ContentFile(checked.content), save=False)
    evidence._history_user = by  # type: ignore[attr-defined]
    try:
        with transaction.atomic():
            evidence.save()
    except IntegrityError as exc:
        evidence.file.delete(save=False)
        raise AwardRefused(
            _("%(name)s is a file the nomination has already.") % {"name": checked.name}
        ) from exc
    return evidence


def _facts(call: AwardCall) -> dict[int, NominationFacts]:
    """The facts of every nomination the check judges, in a fixed number of queries."""
    nominations = list(
        call.nominations.filter(status__in=CHECKED)
        .order_by("submitted_at", "pk")
        .prefetch_related("links__project")
    )
    project_ids = {link.project_id for n in nominations for link in n.links.all()}
    leads = set(
        ProjectUnit.objects.filter(project__in=project_ids, role=UnitRole.LEAD).values_list("project", "unit")
    )
    accepted = ProgressReport.objects.filter(project=OuterRef("pk"), status=ReportStatus.ACCEPTED)
    progressed = set(
        Project.objects.filter(pk__in=project_ids)
        .annotate(accepted=Exists(accepted))
        .filter(accepted=True)
        .values_list("pk", flat=True)
    ) | set(Project.objects.filter(pk__in=project_ids, progress__gt=0).values_list("pk", flat=True))
    places: dict[int, int] = {}
    found = {}
    for nomination in nominations:
        places[nomination.unit_id] = places.get(nomination.unit_id, 0) + 1
        submitted = nomination.submitted_at
        found[nomination.pk] = NominationFacts(
            submitted_on=timezone.localdate(submitted) if submitted else None,
            opens=call.nomination_opens,
            closes=call.nomination_closes,
            place_in_unit=places[nomination.unit_id],
            quota=call.max_nominations_per_unit,
            statement=nomination.statement,
            projects=[
                ProjectFacts(
                    title=link.project.title,
                    led_by_unit=(link.project_id, nomination.unit_id) in leads,
                    has_progress=link.project_id in progressed,
                )
                for link in nomination.links.all()
            ],
        )
    return found


@transaction.atomic
def eligibility_check(*, by: User, call: AwardCall) -> tuple[int, int]:
    """Judge every submitted (or judged, not yet shortlisted) nomination of the call; the reasons
    are stored as codes. Returns how many are eligible and how many not."""
    if not can_manage_award(by):
        raise PermissionDenied
    if call.announced_on is not None:
        raise AwardRefused(_("The call is announced; the check no longer runs."))
    eligible = ineligible = 0
    for pk, facts in _facts(call).items():
        reasons = check_eligibility(facts)
        nomination = Nomination.objects.select_for_update().get(pk=pk)
        nomination.reasons = reasons
        nomination.status = NominationStatus.INELIGIBLE if reasons else NominationStatus.ELIGIBLE
        nomination.version += 1
        nomination._history_user = by  # type: ignore[attr-defined]
        nomination.save()
        ineligible, eligible = ineligible + bool(reasons), eligible + (not reasons)
    return eligible, ineligible
