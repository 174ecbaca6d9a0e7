"""Background jobs (后台任务): the state and result of work that runs outside the request.

A job is written only by :mod:`reformtrack.jobs.services`. It has no history table: a job changes
every few items while it runs, and what matters of it (the bulletin, the workbook) is kept elsewhere
or is its result.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from reformtrack.core.restrict import RestrictedQuerySet

from .choices import JobKind, JobStatus


def _empty_dict() -> dict[str, object]:
    return {}


class Job(models.Model):
    """One run of background work for its owner: status, progress ``done`` of ``total``, the result.

    The result is kept in the database (``BinaryField``) like the plans' source documents: it goes
    with a database backup and needs no shared file system between web and worker machines.
    """

    kind = models.CharField(_("kind"), max_length=32, choices=JobKind.choices)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs", verbose_name=_("owner")
    )
    params = models.JSONField(_("parameters"), default=_empty_dict, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=JobStatus.choices, default=JobStatus.QUEUED)
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    message = models.CharField(_("message"), max_length=200, blank=True)
    result = models.BinaryField(_("result"), null=True, blank=True)
    result_name = models.CharField(_("result file name"), max_length=200, blank=True)
    result_type = models.CharField(_("result content type"), max_length=100, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # The lease: a running job beats ``heartbeat_at`` (every progress step); one whose beat is older
    # than ``JOB_LEASE_SECONDS`` lost its worker and is run again, up to ``max_attempts`` runs.
    heartbeat_at = models.DateTimeField(_("last heartbeat"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    max_attempts = models.PositiveSmallIntegerField(_("maximum attempts"), default=3)
    worker = models.CharField(_("worker"), max_length=100, blank=True)  # host:pid of the last run
    task_id = models.CharField(_("task id"), max_length=64, blank=True)  # of the Tasks backend

    # restrict(user, "view"): the rule is jobs/permissions.py's
    objects = RestrictedQuerySet["Job"].as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        indexes = [
            models.Index(fields=["owner", "-created_at"], name="job_owner_created"),
            models.Index(fields=["status", "heartbeat_at"], name="job_status_heartbeat"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("jobs:job_detail", args=[self.pk])

    def get_result_url(self) -> str:
        return reverse("jobs:job_download", args=[self.pk])

    @property
    def percent(self) -> int:
        """Progress in whole percent (0 before the total is known; 100 when done)."""
        if self.status == JobStatus.DONE:
            return 100
        if not self.total:
            return 0
        return min(100, self.done * 100 // self.total)

    @property
    def has_result(self) -> bool:
        """Is there a file to download?"""
        return self.status == JobStatus.DONE and bool(self.result_name)
