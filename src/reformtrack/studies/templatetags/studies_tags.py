"""The project page's section on the project's pre-decision study (web's project template
includes it with ``{% project_study project %}``): one query, whatever the study holds."""

from __future__ import annotations

from typing import Any

from django import template

from reformtrack.ledger.models import Project
from reformtrack.studies.selectors import study_for_project

register = template.Library()


@register.inclusion_tag("studies/includes/project_study.html")
def project_study(project: Project) -> dict[str, Any]:
    """The study's status and link, or a link to start one; the page checked the project is visible."""
    return {"project": project, "study": study_for_project(project)}
