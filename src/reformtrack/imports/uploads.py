"""Writes of an upload: store the document and start its parse as a background job; the job's work.

The request that receives a plan document never parses it: :func:`upload_start` stores it and
enqueues :func:`~reformtrack.imports.tasks.parse_plan`, whose work is :func:`upload_parse`. That runs
the importer within the document limits (``DOCUMENT_MAX_*`` settings, :func:`document_limits`),
reports each stage as the job's progress and ends in a draft, or in one line saying why not, with
nothing stored.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from reformtrack.ingest import IngestError
from reformtrack.ingest.limits import STAGES, Budget, Limits
from reformtrack.ingest.read_sheet import sheet_kind
from reformtrack.jobs.choices import JobKind
from reformtrack.jobs.errors import JobError
from reformtrack.jobs.services import job_create, job_enqueue, job_progress

from .errors import DraftError, ingest_words
from .models import ImportDraft, ImportUpload
from .services import _check_may_import, draft_from_parsed, drafts_from_document
from .services_sheet import draft_from_sheet

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from reformtrack.jobs.models import Job
    from reformtrack.ledger.models import Plan


def document_limits() -> Limits:
    """The importer's limits as the settings give them."""
    return Limits(
        max_seconds=settings.DOCUMENT_MAX_SECONDS,
        max_memory_mb=settings.DOCUMENT_MAX_MEMORY_MB,
        max_unpacked_mb=settings.DOCUMENT_MAX_UNPACKED_MB,
        max_pages=settings.DOCUMENT_MAX_PAGES,
        max_operators=settings.DOCUMENT_MAX_OPERATORS,
        max_characters=settings.DOCUMENT_MAX_CHARACTERS,
        repair_seconds=settings.DOCUMENT_REPAIR_SECONDS,
    )


def upload_start(*, owner: User, filename: str, content: bytes, revises: Plan | None = None) -> ImportUpload:
    """Store an uploaded plan document and start parsing it in the background.

    ``revises``: the document is a revised document of that stored plan, and its draft is
    compared with the plan rather than imported as a new one. The owner uploading a document they
    already have a draft of (same SHA-256) for the same purpose gets an upload pointing at that
    draft at once, and no job; for another purpose, :class:`DraftError` says to discard that draft
    first. Only the coordinating office imports (``PermissionDenied``).
    """
    _check_may_import(owner)
    sha256 = hashlib.sha256(content).hexdigest()
    filename = filename[:255]
    revises_id = revises.pk if revises is not None else None
    with transaction.atomic():
        # of a document holding several plans, the draft of its first plan still there
        existing = ImportDraft.objects.filter(owner_id=owner.pk, sha256=sha256).order_by("part").first()
        if existing is not None:
            if existing.revises_id != revises_id:
                raise DraftError(
                    _("You have a draft of this document already (%(name)s); discard it first.")
                    % {"name": existing.filename}
                )
            return ImportUpload.objects.create(
                owner=owner, filename=filename, sha256=sha256, size=len(content), draft=existing
            )
        upload = ImportUpload.objects.create(
            owner=owner,
            filename=filename,
            sha256=sha256,
            size=len(content),
            content=content,
            revises_id=revises_id,
        )
        job = job_create(
            kind=JobKind.PLAN_PARSE,
            owner=owner,
            # the job's page goes on to the upload's page when done, and that to the draft
            params={"upload": upload.pk, "next_url": reverse("imports:upload", args=[upload.pk])},
            message=_("Waiting for the worker…"),
        )
        upload.job = job
        upload.save(update_fields=["job"])
        job_enqueue(job=job)
    return upload


def _stage_messages() -> dict[str, str]:
    return {
        "read": _("Reading the document…"),
        "repair": _("Repairing damaged text…"),
        "build": _("Finding chapters, projects, units and targets…"),
    }


def upload_parse(job: Job) -> None:
    """The job's work: parse the upload within the limits, make its draft; clear the content.

    Bad input (an :class:`~reformtrack.ingest.IngestError`, a limit passed included) becomes a
    :class:`~reformtrack.jobs.errors.JobError` with one line in the user's language, and nothing
    is stored but that line.
    """
    import reformtrack.ingest

    upload = ImportUpload.objects.filter(pk=job.params.get("upload")).first()
    if upload is None:
        raise JobError(_("The uploaded document is gone (deleted meanwhile)."))
    total = len(STAGES) + 1
    messages = _stage_messages()

    def progress(done: int, _total: int, stage: str) -> None:
        job_progress(job=job, done=done, total=total, message=messages.get(stage, ""))

    budget = Budget(document_limits(), name=upload.filename, progress=progress)
    try:
        content = bytes(upload.content)
        if sheet_kind(content, upload.filename) is not None:
            # a ledger: its draft keeps the sheet and every row's problem for the preview
            job_progress(job=job, done=1, total=total, message=messages["read"])
            draft, _created = draft_from_sheet(
                owner=job.owner, filename=upload.filename, content=content, revises_id=upload.revises_id
            )
        elif upload.revises_id is None:
            # a document holding several plans (a 通知 with its 附件) gives a draft per plan; the
            # upload leads to the first, the drafts list shows them all
            document = reformtrack.ingest.parse_document_bytes(content, upload.filename, budget=budget)
            job_progress(job=job, done=len(STAGES), total=total, message=_("Saving the draft…"))
            drafts = drafts_from_document(
                owner=job.owner, filename=upload.filename, content=content, document=document
            )
            draft = drafts[0][0]
        else:
            parsed = reformtrack.ingest.parse_bytes(content, upload.filename, budget=budget)
            job_progress(job=job, done=len(STAGES), total=total, message=_("Saving the draft…"))
            draft, _created = draft_from_parsed(
                owner=job.owner,
                filename=upload.filename,
                content=content,
                parsed=parsed,
                revises_id=upload.revises_id,
            )
    except IngestError as exc:
        error = _("The document cannot be imported: %(error)s") % {"error": ingest_words(exc)}
        _upload_close(upload, error=error)
        raise JobError(error) from exc
    except Exception:
        _upload_close(upload, error=_("The document could not be read because of an internal error."))
        raise
    _upload_close(upload, draft=draft)


def _upload_close(upload: ImportUpload, *, draft: ImportDraft | None = None, error: str = "") -> None:
    upload.content, upload.draft, upload.error = b"", draft, " ".join(error.split())
    upload.save(update_fields=["content", "draft", "error"])
