"""``{% load ratings_tags %}{% rating_panel project %}``: a public project's satisfaction (mean,
count, the distribution as bars), its published comments with the office's published answers, and
the rating form that posts to /public/ratings/. The portal's project page includes it, and so does
the ratings' own public page."""

from __future__ import annotations

from typing import Any

from django import template

from reformtrack.core.positions import width_class
from reformtrack.ledger.models import Project
from reformtrack.ledger.selectors_public import is_public

from ..forms import RatingForm
from ..selectors import published_comments, satisfaction
from ..services import phone_check_active, settings_of

register = template.Library()


@register.inclusion_tag("ratings/includes/panel.html", takes_context=True)
def rating_panel(context: template.Context, project: Project) -> dict[str, Any]:
    """The panel of ``project``; the form only while the project is public. A refused post's form
    comes back through the page's ``rating_form`` (its errors shown, a new question asked)."""
    summary = satisfaction(project)
    rules = settings_of()
    open_for_rating = is_public(project)
    return {
        "project": project,
        "summary": summary,
        "bars": [(score, n, width_class(percent)) for score, n, percent in summary.bars()],
        "comments": list(published_comments(project)[:50]),
        "form": (context.get("rating_form") or RatingForm()) if open_for_rating else None,
        "consent_text": rules.consent_text,
        "phone_check": phone_check_active(rules),
        "csrf_token": context.get("csrf_token"),
        "request": context.get("request"),
    }
