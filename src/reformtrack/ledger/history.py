"""The history of a project as its pages show it: its own records and those of its parts."""

from __future__ import annotations

from django.db.models import F
from django.utils.translation import gettext as _

from reformtrack.core.history import HistoryEntry, HistorySource, history_entries

from .models import Measure, Milestone, Project, ProjectTag, Target

# A part's place in the programme is not a change the history shows; the review reasons are the import's.
_STRUCTURE = frozenset({"project", "plan", "chapter", "parent"})
_PROJECT_SKIP = _STRUCTURE | {"review_reasons"}


def project_changes(project: Project, limit: int | None = None) -> list[HistoryEntry]:
    """The project's history, newest first: its own records and those of its milestones, measures, targets.

    Five queries plus one for the names of the people in foreign keys, whatever the length of the history.
    """
    return history_entries(
        [
            HistorySource(Project.history.filter(id=project.pk), _("project"), _PROJECT_SKIP),
            HistorySource(Milestone.history.filter(project_id=project.pk), _("milestone"), _STRUCTURE),
            HistorySource(Measure.history.filter(project_id=project.pk), _("measure"), _STRUCTURE),
            HistorySource(Target.history.filter(project_id=project.pk), _("target"), _STRUCTURE),
            # a tag put on (created) or taken off (deleted), named by the tag as it is called now
            HistorySource(
                ProjectTag.history.filter(project_id=project.pk).annotate(title=F("tag__name")),
                _("tag"),
                _STRUCTURE | {"tag"},
            ),
        ],
        limit=limit,
    )
