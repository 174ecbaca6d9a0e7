"""Writes of a study's parts: the options considered, the consultation record and the files.

Each is written while the study is the user's to edit (:func:`~.services.check_editable`); an
entry taken off the study is archived, never deleted, and an option or a consultation is saved
version-checked like the study. The files meet the evidence rules of progress reports
(``reporting.evidence_services.checked_upload``: size, a kind judged by the content, an Office
file's unpacked size) and a study keeps at most ``REPORT_MAX_FILES`` of them.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reformtrack.core.text import multi_line, single_line
from reformtrack.reporting.errors import EvidenceRefused
from reformtrack.reporting.evidence_services import checked_upload

from .choices import ConsultationMethod
from .errors import StudyError
from .models import Consultation, Study, StudyAttachment, StudyOption
from .services import check_editable, versioned_write

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.core.files.uploadedfile import UploadedFile

__all__ = [
    "attachment_add",
    "attachment_remove",
    "consultation_add",
    "consultation_archive",
    "consultation_update",
    "option_add",
    "option_archive",
    "option_update",
]


def _text(value: str, message: str) -> str:
    value = multi_line(value).strip()
    if not value:
        raise StudyError(message)
    return value


def _locked(study: Study) -> Study:
    """The study's row, locked: what is checked against its status holds until the write commits."""
    return Study.objects.select_for_update().select_related("project").get(pk=study.pk)


def _live(entry: StudyOption | Consultation) -> None:
    if entry.archived_at is not None:
        raise StudyError(_("This entry was removed already."))


@transaction.atomic
def option_add(
    *, study: Study, by: User, description: str, assessment: str = "", chosen: bool = False
) -> StudyOption:
    """Add an option the study considered, with its assessment; ``chosen`` if the decision took it."""
    study = _locked(study)
    check_editable(study, by)
    option = StudyOption(
        study=study,
        description=_text(description, _("Describe the option.")),
        assessment=multi_line(assessment).strip(),
        chosen=chosen,
    )
    option._history_user = by  # type: ignore[attr-defined]
    option._change_reason = "created"  # type: ignore[attr-defined]
    option.save()
    return option


@transaction.atomic
def option_update(
    *,
    option: StudyOption,
    by: User,
    version: int,
    description: str,
    assessment: str = "",
    chosen: bool = False,
) -> StudyOption:
    """Change an option; ``version`` is the one the form was opened at."""
    check_editable(_locked(option.study), by)
    _live(option)
    versioned_write(
        option,
        by=by,
        version=version,
        reason="edited",
        queryset=StudyOption.objects.filter(archived_at__isnull=True),
        description=_text(description, _("Describe the option.")),
        assessment=multi_line(assessment).strip(),
        chosen=chosen,
    )
    return option


@transaction.atomic
def option_archive(*, option: StudyOption, by: User, version: int) -> StudyOption:
    """Take an option off the study: archived with its history, never deleted."""
    check_editable(_locked(option.study), by)
    _live(option)
    versioned_write(option, by=by, version=version, reason="removed", archived_at=timezone.now())
    return option


def _consultation_fields(
    consulted: str, method: str, held_on: dt.date | None, opinions: str, response: str
) -> dict[str, object]:
    consulted = single_line(consulted)[:200]
    if not consulted:
        raise StudyError(_("Say who was consulted."))
    if method not in ConsultationMethod.values:
        raise StudyError(_("Choose how they were consulted."))
    if held_on is None:
        raise StudyError(_("Give the date of the consultation."))
    return {
        "consulted": consulted,
        "method": method,
        "held_on": held_on,
        "opinions": _text(opinions, _("Say what they said.")),
        "response": multi_line(response).strip(),
    }


@transaction.atomic
def consultation_add(
    *,
    study: Study,
    by: User,
    consulted: str,
    method: str,
    held_on: dt.date | None,
    opinions: str,
    response: str = "",
) -> Consultation:
    """Add an entry to the consultation record: who was asked, how (a hearing, expert opinion,
    public comment …), when, what they said and how it was taken into account."""
    study = _locked(study)
    check_editable(study, by)
    entry = Consultation(study=study, **_consultation_fields(consulted, method, held_on, opinions, response))
    entry._history_user = by  # type: ignore[attr-defined]
    entry._change_reason = "created"  # type: ignore[attr-defined]
    entry.save()
    return entry


@transaction.atomic
def consultation_update(
    *,
    consultation: Consultation,
    by: User,
    version: int,
    consulted: str,
    method: str,
    held_on: dt.date | None,
    opinions: str,
    response: str = "",
) -> Consultation:
    """Change an entry of the consultation record; ``version`` is the one the form was opened at."""
    check_editable(_locked(consultation.study), by)
    _live(consultation)
    versioned_write(
        consultation,
        by=by,
        version=version,
        reason="edited",
        queryset=Consultation.objects.filter(archived_at__isnull=True),
        **_consultation_fields(consulted, method, held_on, opinions, response),
    )
    return consultation


@transaction.atomic
def consultation_archive(*, consultation: Consultation, by: User, version: int) -> Consultation:
    """Take an entry off the consultation record: archived with its history, never deleted."""
    check_editable(_locked(consultation.study), by)
    _live(consultation)
    versioned_write(consultation, by=by, version=version, reason="removed", archived_at=timezone.now())
    return consultation


@transaction.atomic
def attachment_add(*, study: Study, by: User, upload: UploadedFile[bytes]) -> StudyAttachment:
    """Keep a file backing the study (a hearing's minutes, the experts' opinions, the decision
    document), stored under the type its content was recognised as. Raises :class:`StudyError`
    for a file the evidence rules refuse, a copy of a file the study has, or one file too many."""
    study = _locked(study)
    check_editable(study, by)
    try:
        checked = checked_upload(upload)
    except EvidenceRefused as exc:
        raise StudyError(str(exc)) from exc
    kept = StudyAttachment.objects.filter(study=study, archived_at__isnull=True)
    limit = int(settings.REPORT_MAX_FILES)
    if kept.count() >= limit:
        raise StudyError(_("A study keeps at most %(count)d files.") % {"count": limit})
    same = kept.filter(sha256=checked.sha256).first()
    if same is not None:
        raise StudyError(
            _("%(name)s is the same file as %(existing)s.")
            % {"name": checked.name, "existing": same.original_name}
        )
    attachment = StudyAttachment(
        study=study,
        original_name=checked.name,
        content_type=checked.kind.mime,
        size=len(checked.content),
        sha256=checked.sha256,
        uploaded_by=by,
    )
    attachment.file.save(
        f"{checked.sha256}.{checked.kind.extension}", ContentFile(checked.content), save=False
    )
    attachment._history_user = by  # type: ignore[attr-defined]
    try:
        with transaction.atomic():
            attachment.save()
    except IntegrityError as exc:  # the same file, added at the same moment by a colleague
        attachment.file.delete(save=False)
        raise StudyError(
            _("%(name)s is the same file as one this study has.") % {"name": checked.name}
        ) from exc
    return attachment


@transaction.atomic
def attachment_remove(*, attachment: StudyAttachment, by: User) -> StudyAttachment:
    """Take a file off the study: archived, never deleted; the bytes and the history stay. Whoever
    may edit the study removes its files (a colleague's mistaken upload included)."""
    check_editable(_locked(attachment.study), by)
    attachment = StudyAttachment.objects.select_for_update().get(pk=attachment.pk)
    if attachment.archived_at is not None:
        raise StudyError(_("%(name)s was removed already.") % {"name": attachment.original_name})
    attachment.archived_at = timezone.now()
    attachment._history_user = by  # type: ignore[attr-defined]
    attachment._change_reason = "removed"  # type: ignore[attr-defined]
    attachment.save(update_fields=["archived_at"])
    return attachment
