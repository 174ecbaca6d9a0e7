"""The unit's answer to a supervision order with its attachments, in one transaction.

The files meet the evidence rules of progress reports (``reporting.evidence_services
.checked_upload``: size, a kind judged by the content, an Office file's unpacked size); an answer
keeps at most ``REPORT_MAX_FILES`` of them. Every file is checked before anything is written: a
refused file sends back the whole answer, so the unit corrects it and sends it once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from reformtrack.reporting.errors import EvidenceRefused
from reformtrack.reporting.evidence_services import CheckedFile, checked_upload

from .errors import SupervisionError
from .models import OrderAttachment, SupervisionOrder
from .services import order_respond

if TYPE_CHECKING:
    from collections.abc import Sequence

    from django.contrib.auth.models import User
    from django.core.files.uploadedfile import UploadedFile


class AttachmentRefused(SupervisionError):
    """A file of an answer that the evidence rules refuse; the message names the file and why."""


def checked_files(uploads: Sequence[UploadedFile[bytes]]) -> list[CheckedFile]:
    """The files of one answer (an order's, a decision's) or of a decision's evidence, each checked
    by the evidence rules; :class:`AttachmentRefused` for a refused file, a copy of another file of
    the same batch, or more files than ``REPORT_MAX_FILES``. Nothing is stored here."""
    limit = int(settings.REPORT_MAX_FILES)
    if len(uploads) > limit:
        raise AttachmentRefused(_("An answer keeps at most %(count)d files.") % {"count": limit})
    checked = []
    for upload in uploads:
        try:
            checked.append(checked_upload(upload))
        except EvidenceRefused as exc:
            raise AttachmentRefused(str(exc)) from exc
    seen: dict[str, str] = {}
    for file in checked:
        if file.sha256 in seen:
            raise AttachmentRefused(
                _("%(name)s is the same file as %(existing)s.")
                % {"name": file.name, "existing": seen[file.sha256]}
            )
        seen[file.sha256] = file.name
    return checked


@transaction.atomic
def order_answer(
    *, by: User, order: SupervisionOrder, text: str, uploads: Sequence[UploadedFile[bytes]] = ()
) -> SupervisionOrder:
    """:func:`order_respond` with the files backing the answer, stored under the type their content
    was recognised as. Raises :class:`AttachmentRefused` (nothing written) for a refused file, a
    copy of another file of the answer, or more files than an answer keeps."""
    checked = checked_files(uploads)
    order = order_respond(by=by, order=order, text=text)
    for file in checked:
        attachment = OrderAttachment(
            order=order,
            original_name=file.name,
            content_type=file.kind.mime,
            size=len(file.content),
            sha256=file.sha256,
            uploaded_by=by,
        )
        attachment.file.save(f"{file.sha256}.{file.kind.extension}", ContentFile(file.content), save=False)
        attachment._history_user = by  # type: ignore[attr-defined]
        attachment.save()
    return order
