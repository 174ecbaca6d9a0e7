"""Template tags of the case library for other apps' pages: the project page's "write a case" link."""

from __future__ import annotations

from typing import Any

from django import template

from reformtrack.cases.permissions import can_draft_case

register = template.Library()


@register.inclusion_tag("cases/includes/project_link.html", takes_context=True)
def write_case_link(context: template.Context, project: Any) -> dict[str, Any]:
    """The link to write a case about ``project``, for its lead unit's reform lead and clerk only
    (the page that opens also asks :func:`~reformtrack.cases.permissions.can_draft_case`)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    allowed = user is not None and can_draft_case(user, project)
    return {"project": project, "allowed": allowed}
