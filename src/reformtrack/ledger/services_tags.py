"""The coordinating office's tags (标签): created, renamed, recoloured, archived, put on projects.

A tag is never deleted (``ProjectTag.tag`` is ``PROTECT``): an archived one is offered no more and
leaves the library's facets, while the projects keep it in their history.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from reformtrack.accounts.permissions import can_manage_programme
from reformtrack.core.text import single_line

from .choices import TagColour
from .errors import LedgerError
from .models import Project, ProjectTag, Tag
from .services_base import _reason, _require

if TYPE_CHECKING:
    from django.contrib.auth.models import User

TAG_FIELDS = frozenset({"name", "colour", "archived"})
_NAME_LENGTH = 40


def _clean_name(name: str, *, exclude: int | None = None) -> str:
    name = single_line(name)
    if not name:
        raise LedgerError(_("A tag needs a name."))
    if len(name) > _NAME_LENGTH:
        raise LedgerError(_("A tag's name has at most %(n)s characters.") % {"n": _NAME_LENGTH})
    taken = Tag.objects.filter(name__iexact=name)
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    if taken.exists():
        raise LedgerError(_("There is already a tag named %(name)s.") % {"name": name})
    return name


def _check_colour(colour: str) -> str:
    if colour not in TagColour.values:
        raise LedgerError(_("Unknown colour %(colour)r.") % {"colour": colour})
    return colour


@transaction.atomic
def tag_create(*, by: User, name: str, colour: str = TagColour.BLUE) -> Tag:
    """A new tag of the coordinating office; its name is unique (whatever the case)."""
    _require(can_manage_programme(by))
    tag = Tag(name=_clean_name(name), colour=_check_colour(colour), created_by=by)
    tag._history_user = by  # type: ignore[attr-defined]
    tag._change_reason = "created"  # type: ignore[attr-defined]
    tag.save()
    return tag


@transaction.atomic
def tag_update(*, tag: Tag, by: User, **changes: Any) -> Tag:
    """Rename, recolour or archive (``archived=True``) a tag, or bring it back: the coordinating office."""
    _require(can_manage_programme(by))
    unknown = set(changes) - TAG_FIELDS
    if unknown:
        raise TypeError(f"tag_update() cannot change {', '.join(sorted(unknown))}")
    if "name" in changes:
        changes["name"] = _clean_name(changes["name"], exclude=tag.pk)
    if "colour" in changes:
        _check_colour(changes["colour"])
    changed = {name: value for name, value in changes.items() if getattr(tag, name) != value}
    if not changed:
        return tag
    for name, value in changed.items():
        setattr(tag, name, value)
    tag._history_user = by  # type: ignore[attr-defined]
    tag._change_reason = _reason("changed " + ", ".join(sorted(changed)))  # type: ignore[attr-defined]
    tag.save()
    return tag


@transaction.atomic
def project_tags_set(*, project: Project, by: User, tags: Iterable[Tag]) -> list[Tag]:
    """Put exactly ``tags`` on the project: the coordinating office.

    Links taken off are deleted and new ones created, each with a history row naming ``by``; an
    archived tag already on the project may stay, but none is newly put on. Returns the tags now on it.
    """
    _require(can_manage_programme(by))
    wanted = {tag.pk: tag for tag in tags}
    current = {link.tag_id: link for link in ProjectTag.objects.filter(project=project)}
    archived = [tag.name for pk, tag in wanted.items() if tag.archived and pk not in current]
    if archived:
        raise LedgerError(
            _("An archived tag cannot be put on a project: %(names)s") % {"names": "、".join(archived)}
        )
    for pk, link in current.items():
        if pk not in wanted:
            link._history_user = by  # type: ignore[attr-defined]
            link._change_reason = "tag removed"  # type: ignore[attr-defined]
            link.delete()
    for pk, tag in wanted.items():
        if pk not in current:
            link = ProjectTag(project=project, tag=tag)
            link._history_user = by  # type: ignore[attr-defined]
            link._change_reason = "tag added"  # type: ignore[attr-defined]
            link.save()
    return sorted(wanted.values(), key=lambda tag: tag.name)
