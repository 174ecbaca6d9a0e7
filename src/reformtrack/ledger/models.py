"""The ledger (台账): a plan as imported, its chapters, the project tree, measures, targets and units.

Rows are written by the services, read through the selectors; models hold no business logic.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from reformtrack.core.restrict import RestrictedQuerySet

from .choices import Light, ProjectStatus, TargetForm, UnitKind, UnitRole
from .managers import LiveManager, LiveProjectManager


def _empty_list() -> list[Any]:
    return []


def _target_evidence_path(instance: TargetValue, filename: str) -> str:
    # The stored name is the content hash with the extension of the type the content was recognised
    # as (the service names the file so); the user's file name never reaches the file system.
    return f"targets/{instance.target_id}/{filename}"


class Unit(models.Model):
    """A body that answers for or takes part in projects: 区发改局, 团区委, 各街道办事处 …

    The registry is shared by all plans; a name printed differently in another plan is an alias.
    """

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=UnitKind.choices, default=UnitKind.OTHER)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    reform_lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_units",
        verbose_name=_("unit reform lead"),
    )
    # A collective unit (各相关街道办事处) names its member units; a member acts for the collective.
    members = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="collectives", verbose_name=_("member units")
    )
    # A unit merged into another is kept, archived, so its history and old links stay readable;
    # its name resolves to the unit it was merged into (services_units.unit_merge).
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_units",
        verbose_name=_("merged into"),
    )
    # bumped by every change of the registry's services: a merge confirmed on a stale page is refused
    version = models.PositiveIntegerField(_("version"), default=1)

    # restrict(user, "view"): the rule is ledger/permissions.py's
    objects = RestrictedQuerySet["Unit"].as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self) -> str:
        return self.name

    def expand(self) -> list[Unit]:
        """The units this one stands for: a collective's members (prefetch ``members``), else itself.

        A collective whose members are not recorded yet stands for itself.
        """
        return list(self.members.all()) or [self]


class UnitAlias(models.Model):
    """Another printed name of a unit (区发展和改革局 for 区发改局); matched on import like the name."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="aliases", verbose_name=_("unit"))
    name = models.CharField(_("name"), max_length=200, unique=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("unit alias")
        verbose_name_plural = _("unit aliases")

    def __str__(self) -> str:
        return f"{self.name} → {self.unit.name}"


class Plan(models.Model):
    """A plan (方案) as imported from one document."""

    title = models.TextField(_("title"))
    doc_number = models.CharField(_("document number"), max_length=100, blank=True)
    issued = models.DateField(_("issued"), null=True, blank=True)
    period_start = models.PositiveSmallIntegerField(_("first year"), null=True, blank=True)
    period_end = models.PositiveSmallIntegerField(_("last year"), null=True, blank=True)
    preamble = models.TextField(_("preamble"), blank=True)
    warnings = models.JSONField(_("import warnings"), default=_empty_list, blank=True)
    created_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    # The public portal (/public/) shows a plan only once the office publishes it, and of its projects
    # only those marked public: two explicit steps, written by ledger/services_publish.py only.
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-issued", "-id"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_start__lte=F("period_end")),
                name="plan_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Chapter(models.Model):
    """A top-level section of a plan (一、…); ``text`` holds its paragraphs that are not projects."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="chapters", verbose_name=_("plan"))
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.TextField(_("title"))
    text = models.TextField(_("text"), blank=True)
    is_safeguards = models.BooleanField(_("safeguards chapter"), default=False)
    position = models.PositiveSmallIntegerField(_("position"))
    # set by a plan amendment that dropped it (services_amend); archived rows are kept, hidden
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)

    objects = LiveManager["Chapter"]()
    all_objects = models.Manager["Chapter"]()
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "position"]
        verbose_name = _("chapter")
        verbose_name_plural = _("chapters")
        constraints = [
            models.UniqueConstraint(fields=["plan", "position"], name="chapter_position_unique"),
        ]

    def __str__(self) -> str:
        return self.title


class Project(models.Model):
    """A reform project (改革项目) or a sub-item of one: the project tree of a plan.

    ``position`` is the place in the plan in printed order (depth first), so one query ordered by it
    returns the whole tree ready to assemble; ``level`` is 1 for the projects of a chapter.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="projects", verbose_name=_("plan"))
    chapter = models.ForeignKey(
        Chapter, on_delete=models.CASCADE, related_name="projects", verbose_name=_("chapter")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent project"),
    )
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    label = models.CharField(_("label"), max_length=32, blank=True)
    title = models.TextField(_("title"))
    text = models.TextField(_("text"), blank=True)
    level = models.PositiveSmallIntegerField(_("level"), default=1)
    position = models.PositiveIntegerField(_("position"))
    needs_review = models.BooleanField(_("needs review"), default=False)
    review_reasons = models.JSONField(_("review reasons"), default=_empty_list, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    deadline_text = models.TextField(_("deadline as printed"), blank=True)
    is_safeguard = models.BooleanField(_("safeguard"), default=False)
    units = models.ManyToManyField(
        Unit, through="ProjectUnit", related_name="projects", verbose_name=_("units")
    )
    # the day work starts (the roadmap's bar starts there; unknown: the plan's start)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    tags = models.ManyToManyField(
        "ledger.Tag", through="ledger.ProjectTag", related_name="projects", blank=True, verbose_name=_("tags")
    )
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_projects",
        verbose_name=_("leader in charge"),
    )
    weight = models.DecimalField(
        _("weight"), max_digits=7, decimal_places=2, default=Decimal(1), validators=[MinValueValidator(0)]
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ProjectStatus.choices, default=ProjectStatus.NOT_STARTED
    )
    progress_note = models.TextField(_("progress in words"), blank=True)  # 进展情况 (a ledger's update)
    # optimistic locking: every save through project_update bumps it (see services.project_update)
    version = models.PositiveIntegerField(_("version"), default=1)
    # Written only by reformtrack.status.services; stored so that lists filter and sort by it.
    light = models.CharField(
        _("light"), max_length=8, choices=Light.choices, default=Light.NONE, db_index=True
    )
    light_reasons = models.JSONField(_("light reasons"), default=_empty_list, blank=True)
    # set by a plan amendment that dropped it (services_amend); archived rows are kept, hidden
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    # Held from starting by a social stability risk assessment (社会稳定风险评估) signed off as high:
    # written only by reformtrack.risk's services; every entry that starts or moves the project asks
    # ledger/gate.py's ensure_may_start, which refuses while it is set.
    start_held = models.BooleanField(_("start held by risk assessment"), default=False)
    # shown on the public portal once its plan is published (ledger/services_publish.py)
    public = models.BooleanField(_("public"), default=False)

    # restrict(user, "view" | "change"): the rules are ledger/permissions.py's; archived rows hidden
    objects = LiveProjectManager()
    all_objects = RestrictedQuerySet["Project"].as_manager()
    # The light is derived and has its own record (status.StatusChange): kept out of the history.
    history = HistoricalRecords(excluded_fields=["light", "light_reasons"])

    class Meta:
        ordering = ["plan", "position"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.UniqueConstraint(fields=["plan", "position"], name="project_position_unique"),
            models.CheckConstraint(condition=Q(level__gte=1), name="project_level_positive"),
            models.CheckConstraint(condition=Q(progress__lte=100), name="project_progress_at_most_100"),
            models.CheckConstraint(condition=Q(weight__gte=0), name="project_weight_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.label}{self.title}"


class Measure(models.Model):
    """One concrete action (举措) of a project, usually a clause between ``；``."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="measures", verbose_name=_("project")
    )
    text = models.TextField(_("text"))
    position = models.PositiveIntegerField(_("position"))
    start_date = models.DateField(_("start date"), null=True, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    deadline_text = models.TextField(_("deadline as printed"), blank=True)
    units = models.ManyToManyField(
        Unit, through="MeasureUnit", related_name="measures", verbose_name=_("units")
    )
    weight = models.DecimalField(
        _("weight"), max_digits=7, decimal_places=2, default=Decimal(1), validators=[MinValueValidator(0)]
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    # Written only by reformtrack.status.services (see Project.light).
    light = models.CharField(_("light"), max_length=8, choices=Light.choices, default=Light.NONE)
    light_reasons = models.JSONField(_("light reasons"), default=_empty_list, blank=True)
    # set by a plan amendment that dropped it (services_amend); archived rows are kept, hidden
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)

    objects = LiveManager["Measure"]()
    all_objects = models.Manager["Measure"]()
    history = HistoricalRecords(excluded_fields=["light", "light_reasons"])

    class Meta:
        ordering = ["project", "position"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        constraints = [
            models.UniqueConstraint(fields=["project", "position"], name="measure_position_unique"),
            models.CheckConstraint(condition=Q(progress__lte=100), name="measure_progress_at_most_100"),
            models.CheckConstraint(condition=Q(weight__gte=0), name="measure_weight_not_negative"),
        ]

    def __str__(self) -> str:
        return self.text


class Target(models.Model):
    """A quantified aim (指标) of a project: ``打造2至3个网商集聚区`` is subject 网商集聚区, 2 to 3 个."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="targets", verbose_name=_("project")
    )
    text = models.TextField(_("text"))
    subject = models.TextField(_("subject"), blank=True)
    min_value = models.FloatField(_("minimum"), null=True, blank=True)
    max_value = models.FloatField(_("maximum"), null=True, blank=True)
    unit = models.CharField(_("unit of measure"), max_length=40, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    position = models.PositiveIntegerField(_("position"))
    # how the figure is read (ledger.achievement.infer_form at import): at least, a range, a change …
    form = models.CharField(_("form"), max_length=10, choices=TargetForm.choices, default=TargetForm.AT_LEAST)
    # where the target starts from: a reduction such as 压减30% needs it
    baseline = models.DecimalField(_("baseline"), max_digits=18, decimal_places=4, null=True, blank=True)
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    # set by a plan amendment that dropped it (services_amend); archived rows are kept, hidden
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)

    objects = LiveManager["Target"]()
    all_objects = models.Manager["Target"]()
    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "position"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(fields=["project", "position"], name="target_position_unique"),
            models.CheckConstraint(
                condition=Q(min_value__isnull=True)
                | Q(max_value__isnull=True)
                | Q(min_value__lte=F("max_value")),
                name="target_range_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.text


class TargetValue(models.Model):
    """An actual value of a target on a date: the series a target's chart is drawn from."""

    target = models.ForeignKey(
        Target, on_delete=models.PROTECT, related_name="values", verbose_name=_("target")
    )
    date = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=4)
    note = models.TextField(_("note"), blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    evidence = models.FileField(
        _("evidence file"), upload_to=_target_evidence_path, max_length=200, blank=True
    )
    evidence_name = models.CharField(_("evidence file name"), max_length=255, blank=True)
    evidence_type = models.CharField(_("evidence content type"), max_length=100, blank=True)
    # who entered it: people's accounts are deactivated, never deleted, so this never cascades
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    entered_at = models.DateTimeField(_("entered at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["target", "date"]
        verbose_name = _("target value")
        verbose_name_plural = _("target values")
        constraints = [
            models.UniqueConstraint(fields=["target", "date"], name="target_value_date_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.date}: {self.value}"


class Milestone(models.Model):
    """A dated step of a project on the roadmap (路线图、时间表)."""

    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="milestones", verbose_name=_("project")
    )
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    done = models.BooleanField(_("done"), default=False)
    position = models.PositiveIntegerField(_("position"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "position", "date", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return f"{self.date} {self.title}"


class ProjectUnit(models.Model):
    """A unit's role (lead or co) in a project, in printed order."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="project_units", verbose_name=_("project")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="project_units", verbose_name=_("unit")
    )
    role = models.CharField(_("role"), max_length=8, choices=UnitRole.choices)
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        ordering = ["project", "role", "position"]
        verbose_name = _("project unit")
        verbose_name_plural = _("project units")
        constraints = [
            models.UniqueConstraint(fields=["project", "unit", "role"], name="project_unit_role_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} ({self.get_role_display()})"


class MeasureUnit(models.Model):
    """A unit's role (lead or co) in a measure, in printed order."""

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="measure_units", verbose_name=_("measure")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="measure_units", verbose_name=_("unit")
    )
    role = models.CharField(_("role"), max_length=8, choices=UnitRole.choices)
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        ordering = ["measure", "role", "position"]
        verbose_name = _("measure unit")
        verbose_name_plural = _("measure units")
        constraints = [
            models.UniqueConstraint(fields=["measure", "unit", "role"], name="measure_unit_role_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} ({self.get_role_display()})"


# Tags, plan amendments (方案调整), source documents and chapters' targets live in their own
# modules; imported here so that Django finds them.
from .models_amend import Amendment, AmendmentChange  # noqa: E402
from .models_chapter_targets import ChapterTarget  # noqa: E402, F401 (import it from its module)
from .models_source import SourceDocument  # noqa: E402
from .models_tags import ProjectTag, Tag  # noqa: E402

__all__ = [
    "Amendment",
    "AmendmentChange",
    "Chapter",
    "Measure",
    "MeasureUnit",
    "Milestone",
    "Plan",
    "Project",
    "ProjectTag",
    "ProjectUnit",
    "SourceDocument",
    "Tag",
    "Target",
    "TargetValue",
    "Unit",
    "UnitAlias",
]
