"""The evaluation's section on the project page: ``{% project_evaluation project %}``."""

from __future__ import annotations

from typing import Any

from django import template

from reformtrack.ledger.models import Project

from ..models import Evaluation
from ..permissions import can_manage_evaluations

register = template.Library()


@register.inclusion_tag("evaluation/includes/project_section.html", takes_context=True)
def project_evaluation(context: dict[str, Any], project: Project) -> dict[str, Any]:
    """The project's evaluation if the user sees it (the project page checked the project), and
    whether the user may open one (one query)."""
    user = context["request"].user
    evaluation = Evaluation.objects.restrict(user, "view").filter(project=project).first()
    return {"project": project, "evaluation": evaluation, "can_open": can_manage_evaluations(user)}
