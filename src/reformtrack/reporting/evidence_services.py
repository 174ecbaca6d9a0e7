"""Writes of evidence files (佐证材料): adding one to a report, removing a wrong one from a draft.

Re-exported by :mod:`reporting.services`, where every write of the app is found. The limits are
settings: ``REPORT_MAX_UPLOAD_MB`` (one file), ``REPORT_MAX_FILES`` and ``REPORT_MAX_TOTAL_MB`` (the
files kept on one report), ``REPORT_MAX_UNPACKED_MB`` (an Office file once unpacked).
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from reformtrack.ingest.filetypes import FileKind, zip_unpacked_size

from .choices import ReportStatus
from .errors import EvidenceRefused
from .evidence import ACCEPTED, ZIPPED_OFFICE, accepted_kind
from .models import Evidence, ProgressReport
from .permissions import can_view_report, can_write_report

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.core.files.uploadedfile import UploadedFile

_MB = 1024 * 1024


def max_upload_bytes() -> int:
    """The largest evidence file accepted, from the setting ``REPORT_MAX_UPLOAD_MB``."""
    return int(settings.REPORT_MAX_UPLOAD_MB) * _MB


def _check_writable(report: ProgressReport, by: User, *, removing: bool = False) -> None:
    if not can_view_report(by, report):
        raise Http404("no such report")
    if not can_write_report(by, report):
        raise PermissionDenied
    if report.status not in (ReportStatus.DRAFT, ReportStatus.RETURNED):
        if removing:
            message = _("The report is %(status)s; files are removed while it is a draft or returned.")
        else:
            message = _("The report is %(status)s; evidence is added while it is a draft or returned.")
        raise EvidenceRefused(message % {"status": report.get_status_display()})


def _read(upload: UploadedFile[bytes], name: str) -> bytes:
    """The upload's bytes, refused when empty or larger than one file may be."""
    limit = max_upload_bytes()
    too_large = _("%(name)s is larger than the limit of %(mb)d MB.") % {"name": name, "mb": limit // _MB}
    if upload.size is not None and upload.size > limit:
        raise EvidenceRefused(too_large)
    content = bytes(upload.read(limit + 1))
    if len(content) > limit:
        raise EvidenceRefused(too_large)
    if not content:
        raise EvidenceRefused(_("%(name)s is empty.") % {"name": name})
    return content


def _check_unpacked(content: bytes, name: str) -> None:
    limit = int(settings.REPORT_MAX_UNPACKED_MB) * _MB
    try:
        unpacked = zip_unpacked_size(content)
    except zipfile.BadZipFile as exc:
        raise EvidenceRefused(_("%(name)s is damaged and cannot be opened.") % {"name": name}) from exc
    if unpacked > limit:
        raise EvidenceRefused(
            _("%(name)s would unpack to %(size)d MB, over the limit of %(mb)d MB for an Office file.")
            % {"name": name, "size": unpacked // _MB, "mb": limit // _MB}
        )


def _check_report_limits(report: ProgressReport, name: str, size: int, sha256: str) -> None:
    """Refuse a copy of a file the report keeps already, and more files or bytes than a report holds."""
    kept = Evidence.objects.filter(report=report, archived_at__isnull=True)
    same = kept.filter(sha256=sha256).first()
    if same is not None:
        raise EvidenceRefused(
            _("%(name)s is the same file as %(existing)s, which this report already has.")
            % {"name": name, "existing": same.original_name}
        )
    max_files = int(settings.REPORT_MAX_FILES)
    if kept.count() >= max_files:
        raise EvidenceRefused(
            _("%(name)s was not added: a report holds at most %(count)d evidence files.")
            % {"name": name, "count": max_files}
        )
    max_total = int(settings.REPORT_MAX_TOTAL_MB) * _MB
    total = kept.aggregate(total=Sum("size"))["total"] or 0
    if total + size > max_total:
        raise EvidenceRefused(
            _("%(name)s was not added: the evidence files of a report take at most %(mb)d MB together.")
            % {"name": name, "mb": max_total // _MB}
        )


@dataclass(frozen=True)
class CheckedFile:
    """An uploaded evidence file that passed the checks of its own: its name, bytes, kind and hash."""

    name: str
    content: bytes
    kind: FileKind
    sha256: str


def checked_upload(upload: UploadedFile[bytes]) -> CheckedFile:
    """The evidence rules a file meets by itself, whatever it backs (a report, an order's answer):
    not empty, not larger than ``REPORT_MAX_UPLOAD_MB``, of a kind we keep judged by its content,
    an Office file not unpacking past ``REPORT_MAX_UNPACKED_MB``. Raises :class:`EvidenceRefused`."""
    name = (upload.name or "file").replace("\\", "/").rsplit("/", 1)[-1][:255] or "file"
    content = _read(upload, name)
    kind = accepted_kind(content)
    if kind is None:
        raise EvidenceRefused(
            _(
                "%(name)s is not a file type we accept (judged by its content, not its name); "
                "accepted: %(types)s."
            )
            % {"name": name, "types": ACCEPTED}
        )
    if kind.mime in ZIPPED_OFFICE:
        _check_unpacked(content, name)
    return CheckedFile(name, content, kind, hashlib.sha256(content).hexdigest())


@transaction.atomic
def evidence_add(*, report: ProgressReport, by: User, upload: UploadedFile[bytes]) -> Evidence:
    """Keep a file backing the report, stored under the type its content was recognised as.

    Only the lead unit's reform lead and clerk upload, while the report is a draft or returned; a
    report the user cannot see is 404. Raises :class:`EvidenceRefused` for an empty or too large
    file, one of a type we do not keep, an Office file that would unpack past the limit, a copy of a
    file the report has, and a file past the report's count or total size.
    """
    # The report's row is locked so that two uploads at once cannot both pass the report's limits.
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    _check_writable(report, by)
    checked = checked_upload(upload)
    name, content, kind, sha256 = checked.name, checked.content, checked.kind, checked.sha256
    _check_report_limits(report, name, len(content), sha256)
    evidence = Evidence(
        report=report,
        original_name=name,
        content_type=kind.mime,
        size=len(content),
        sha256=sha256,
        uploaded_by=by,
    )
    evidence.file.save(f"{sha256}.{kind.extension}", ContentFile(content), save=False)
    evidence._history_user = by  # type: ignore[attr-defined]
    try:
        with transaction.atomic():
            evidence.save()
    except IntegrityError as exc:  # the same file, uploaded at the same moment by a colleague
        evidence.file.delete(save=False)
        raise EvidenceRefused(
            _("%(name)s is the same file as one this report already has.") % {"name": name}
        ) from exc
    return evidence


@transaction.atomic
def evidence_remove(*, evidence: Evidence, by: User) -> Evidence:
    """Take a wrongly uploaded file off a draft (or returned) report: archived, never deleted.

    Only the person who uploaded it removes it, while they may still write the report. The row, its
    history and the stored bytes stay; the file no longer counts towards the report's limits.
    """
    report = ProgressReport.objects.select_for_update().get(pk=evidence.report_id)
    _check_writable(report, by, removing=True)
    evidence = Evidence.objects.select_for_update().get(pk=evidence.pk)
    if evidence.uploaded_by_id != by.pk:
        raise PermissionDenied
    if evidence.archived_at is not None:
        raise EvidenceRefused(_("%(name)s was removed already.") % {"name": evidence.original_name})
    evidence.archived_at = timezone.now()
    evidence.archived_by = by
    evidence._history_user = by  # type: ignore[attr-defined]
    evidence._change_reason = "removed"  # type: ignore[attr-defined]
    evidence.save(update_fields=["archived_at", "archived_by"])
    return evidence
