"""Reads of the studies app: the list with its filters, one study with its parts, a project's study."""

from __future__ import annotations

from functools import reduce
from operator import and_
from typing import TYPE_CHECKING, Any

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery

from reformtrack.ledger.choices import UnitRole
from reformtrack.ledger.filtersets import search_words
from reformtrack.ledger.models import Plan, Project, ProjectUnit, Unit

from .models import Consultation, Study, StudyAttachment, StudyOption

if TYPE_CHECKING:
    from reformtrack.accounts.permissions import AnyUser


def study_list(
    user: AnyUser, *, status: str = "", plan: int | None = None, unit: int | None = None, query: str = ""
) -> QuerySet[Study]:
    """The studies the user may read, newest first, filtered by status, plan, lead unit and the
    words of a search (in the project's title, the background or the decision), with the project,
    its plan and its first lead unit's name joined in: a page costs the same queries for any size."""
    lead = ProjectUnit.objects.filter(project=OuterRef("project_id"), role=UnitRole.LEAD).order_by("position")
    studies = (
        Study.objects.restrict(user, "view")
        .select_related("project", "project__plan")
        .annotate(lead_unit=Subquery(lead.values("unit__name")[:1]))
    )
    if status:
        studies = studies.filter(status=status)
    if plan is not None:
        studies = studies.filter(project__plan_id=plan)
    if unit is not None:
        units = ProjectUnit.objects.filter(role=UnitRole.LEAD).filter(Q(unit=unit) | Q(unit__members=unit))
        studies = studies.filter(project__in=units.values("project_id"))
    words = search_words(query)
    if words:
        conditions = [
            Q(project__title__icontains=word)
            | Q(background__icontains=word)
            | Q(decision_text__icontains=word)
            for word in words
        ]
        studies = studies.filter(reduce(and_, conditions))
    return studies.order_by("-id")


def filter_choices(user: AnyUser) -> tuple[list[Plan], list[Unit]]:
    """The plans and the units the list's filters offer (the units the user may see)."""
    plans = list(Plan.objects.order_by("-id").only("id", "title"))
    units = list(Unit.objects.restrict(user, "view").order_by("name").only("id", "name"))
    return plans, units


def study_of(user: AnyUser, pk: int) -> Study | None:
    """Study ``pk`` with its live options, consultations and files, if the user may read it."""
    return (
        Study.objects.restrict(user, "view")
        .select_related("project", "project__plan", "created_by", "submitted_by", "reviewed_by")
        .prefetch_related(
            Prefetch("options", StudyOption.objects.filter(archived_at__isnull=True), to_attr="live_options"),
            Prefetch(
                "consultations",
                Consultation.objects.filter(archived_at__isnull=True),
                to_attr="live_consultations",
            ),
            Prefetch(
                "attachments",
                StudyAttachment.objects.filter(archived_at__isnull=True).select_related("uploaded_by"),
                to_attr="live_attachments",
            ),
        )
        .filter(pk=pk)
        .first()
    )


def project_of(user: AnyUser, pk: int) -> Project | None:
    """Project ``pk`` if the user may see it, with its plan."""
    return Project.objects.restrict(user, "view").select_related("plan").filter(pk=pk).first()


def study_for_project(project: Project | int) -> Study | None:
    """The project's study, if it has one (for a project the caller may see)."""
    return Study.objects.filter(project=project).first()


def lead_unit_names(project: Project) -> list[str]:
    """The names of the project's lead units, in the plan's order."""
    links = ProjectUnit.objects.filter(project=project, role=UnitRole.LEAD).order_by("position")
    return list(links.values_list("unit__name", flat=True))


def study_history(study: Study) -> list[Any]:
    """The study's own history, newest first, with who made each change (one query)."""
    records = study.history.select_related("history_user")
    return list(records.order_by("-history_date", "-history_id"))


def option_of(user: AnyUser, pk: int) -> StudyOption | None:
    """Option ``pk`` of a study the user may read, with its study and project; archived ones too."""
    studies = Study.objects.restrict(user, "view")
    return StudyOption.objects.select_related("study__project").filter(pk=pk, study__in=studies).first()


def consultation_of(user: AnyUser, pk: int) -> Consultation | None:
    """Consultation ``pk`` of a study the user may read, with its study and project."""
    studies = Study.objects.restrict(user, "view")
    return Consultation.objects.select_related("study__project").filter(pk=pk, study__in=studies).first()


def attachment_of(user: AnyUser, pk: int) -> StudyAttachment | None:
    """File ``pk`` of a study the user may read, with its study and project."""
    studies = Study.objects.restrict(user, "view")
    return StudyAttachment.objects.select_related("study__project").filter(pk=pk, study__in=studies).first()
