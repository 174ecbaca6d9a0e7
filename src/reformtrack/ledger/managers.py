"""The default managers of the ledger's models that a plan amendment archives (方案调整)."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar, cast

from django.db import models

from reformtrack.core.restrict import RestrictedQuerySet

if TYPE_CHECKING:
    from .models import Project

_M = TypeVar("_M", bound=models.Model)


class LiveManager(models.Manager[_M]):
    """The default manager of a model whose rows a plan amendment archives (方案调整: never deleted).

    It hides archived rows, and as the default manager it is also the base of the reverse related
    managers (``project.measures``, ``chapter.projects``) and of prefetches: lists, roll-ups, lights,
    exports and reminders see the live ledger only. A forward foreign key (a report's project) goes
    through the base manager and still reaches an archived row; ``all_objects`` sees every row.
    """

    def get_queryset(self) -> models.QuerySet[_M]:
        return super().get_queryset().filter(archived_at__isnull=True)


_RestrictedManager = models.Manager.from_queryset(RestrictedQuerySet)


class LiveProjectManager(_RestrictedManager["Project"]):
    """:class:`LiveManager` for projects, keeping ``restrict`` (see ledger/permissions.py)."""

    def get_queryset(self) -> RestrictedQuerySet[Project]:
        # the queryset class is RestrictedQuerySet at run time; the stubs see a plain QuerySet
        return cast("RestrictedQuerySet[Project]", super().get_queryset().filter(archived_at__isnull=True))
