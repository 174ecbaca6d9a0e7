"""Progress reports (进展填报): reporting cycles, the reports lead units owe, contributions, evidence."""

from __future__ import annotations

from pathlib import PurePosixPath

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from reformtrack.core.restrict import RestrictedQuerySet
from reformtrack.ledger.models import Measure, Plan, Project, Target, Unit

from .choices import Frequency, ReportedStatus, ReportStatus


class ReportingCycle(models.Model):
    """A plan's rhythm of reports: every period, each lead unit reports on each project it leads.

    A period ends on the last day of its month (quarter; or on ``end`` for a custom cycle); the report
    is due ``due_day`` days after the period ends and accepted without being late ``grace_days`` later.
    """

    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, related_name="reporting_cycles", verbose_name=_("plan")
    )
    name = models.CharField(_("name"), max_length=200)
    frequency = models.CharField(
        _("frequency"), max_length=16, choices=Frequency.choices, default=Frequency.MONTHLY
    )
    due_day = models.PositiveSmallIntegerField(
        _("due (days after the period ends)"), default=5, validators=[MaxValueValidator(60)]
    )
    grace_days = models.PositiveSmallIntegerField(
        _("grace days"), default=0, validators=[MaxValueValidator(60)]
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start", "id"]
        verbose_name = _("reporting cycle")
        verbose_name_plural = _("reporting cycles")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="cycle_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ProgressReport(models.Model):
    """What a lead unit reports on one project for one period of a cycle.

    ``version`` grows with every write; a write names the version it started from and is refused
    when someone wrote in between (optimistic concurrency, as ``Project.version``).
    """

    cycle = models.ForeignKey(
        ReportingCycle, on_delete=models.PROTECT, related_name="reports", verbose_name=_("reporting cycle")
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="progress_reports", verbose_name=_("project")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="progress_reports", verbose_name=_("lead unit")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    reported_status = models.CharField(
        _("reported status"), max_length=16, choices=ReportedStatus.choices, default=ReportedStatus.ON_TRACK
    )
    percent_complete = models.PositiveSmallIntegerField(
        _("percent complete"), default=0, validators=[MaxValueValidator(100)]
    )
    done = models.TextField(_("what was done"), blank=True)
    problems = models.TextField(_("problems"), blank=True)
    help_needed = models.TextField(_("help needed"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    review_comment = models.TextField(_("review comment"), blank=True)
    # 对外公开摘要: what the public portal shows of an accepted report, written by the lead unit and
    # shown only once the office approves it (reporting/services_public.py); nothing else of the
    # report (evidence, review comment, problems) is ever public.
    public_summary = models.TextField(_("public summary"), blank=True)
    public_summary_approved_at = models.DateTimeField(_("public summary approved at"), null=True, blank=True)
    public_summary_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("public summary approved by"),
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # restrict(user, "view" | "change"): the rules are reporting/permissions.py's
    objects = RestrictedQuerySet["ProgressReport"].as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-period_start", "project__position", "id"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "period_start", "project", "unit"], name="report_one_per_period_project_unit"
            ),
            models.CheckConstraint(
                condition=models.Q(percent_complete__lte=100), name="report_percent_max_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.period_start:%Y-%m}"


class Contribution(models.Model):
    """A co-unit's input to the lead unit's report (配合单位报送材料)."""

    report = models.ForeignKey(
        ProgressReport, on_delete=models.CASCADE, related_name="contributions", verbose_name=_("report")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("co-unit"))
    text = models.TextField(_("text"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")

    def __str__(self) -> str:
        return f"{self.unit}: {self.text[:40]}"


def _evidence_path(instance: Evidence, filename: str) -> str:
    # The stored name is the content hash with the extension of the type the content was recognised
    # as (the service names the file so); the user's file name never reaches the file system.
    suffix = PurePosixPath(filename).suffix
    return f"reports/{instance.report_id}/{instance.sha256}{suffix}"


class Evidence(models.Model):
    """A file backing a report (佐证材料); its type was recognised by its content on upload.

    A file removed from a draft is archived (``archived_at``), never deleted: its row, its history
    and its bytes stay. Among a report's files still kept, one content (``sha256``) appears once.
    """

    report = models.ForeignKey(
        ProgressReport, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("report")
    )
    file = models.FileField(_("file"), upload_to=_evidence_path, max_length=200)
    original_name = models.CharField(_("original name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    archived_at = models.DateTimeField(_("removed at"), null=True, blank=True)
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("removed by"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "sha256"],
                condition=models.Q(archived_at__isnull=True),
                name="evidence_one_copy_per_report",
            ),
        ]

    def __str__(self) -> str:
        return self.original_name


class TargetEntry(models.Model):
    """The actual value of one target as the lead unit reports it (实际值), checked with its report.

    It reaches the ledger (``TargetValue``) only when the office accepts the report. An empty
    ``value`` is a target the unit left blank this time; the row stays for the record.
    """

    report = models.ForeignKey(
        ProgressReport, on_delete=models.PROTECT, related_name="target_entries", verbose_name=_("report")
    )
    target = models.ForeignKey(Target, on_delete=models.PROTECT, related_name="+", verbose_name=_("target"))
    value = models.DecimalField(_("actual value"), max_digits=18, decimal_places=4, null=True, blank=True)
    date = models.DateField(_("as of"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    evidence = models.ForeignKey(
        Evidence,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="target_entries",
        verbose_name=_("evidence file"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "target__position", "id"]
        verbose_name = _("reported target value")
        verbose_name_plural = _("reported target values")
        constraints = [
            models.UniqueConstraint(fields=["report", "target"], name="target_entry_one_per_report"),
            models.CheckConstraint(
                condition=models.Q(value__isnull=True) | models.Q(date__isnull=False),
                name="target_entry_value_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.target}: {self.value}"


class MeasureEntry(models.Model):
    """A measure's progress as the lead unit reports it; it reaches the ledger on acceptance."""

    report = models.ForeignKey(
        ProgressReport, on_delete=models.PROTECT, related_name="measure_entries", verbose_name=_("report")
    )
    measure = models.ForeignKey(
        Measure, on_delete=models.PROTECT, related_name="+", verbose_name=_("measure")
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "measure__position", "id"]
        verbose_name = _("reported measure progress")
        verbose_name_plural = _("reported measure progress")
        constraints = [
            models.UniqueConstraint(fields=["report", "measure"], name="measure_entry_one_per_report"),
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="measure_entry_progress_max_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure}: {self.progress}"
