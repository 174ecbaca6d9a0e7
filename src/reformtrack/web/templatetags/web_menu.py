"""The site menu's groups (base.html): 改革全周期, 考核激励 and 政务公开, each link shown to the roles
it serves.

Who sees a link is asked of the apps' own rules (:mod:`reformtrack.accounts.permissions` and the
apps' ``permissions.py``); the pages check again. Every list linked here opens for every role, so a
link is left out only where the page is an office's tool. A user without a role (an outside expert)
gets none of these: base.html shows them their review assignments alone, the one corner of the site
open to them (``evaluation/middleware.py``).

No query: the role is read from the profile the request's user already carries (the no-role fence
reads it first on every request).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django import template
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from reformtrack.accounts.permissions import can_manage_programme, role_of
from reformtrack.risk.permissions import can_sign_off
from reformtrack.supervision.permissions import can_see_accountability

if TYPE_CHECKING:
    from reformtrack.accounts.permissions import AnyUser

register = template.Library()


def _with_role(user: AnyUser) -> bool:
    return role_of(user) is not None


@dataclass(frozen=True)
class Link:
    """A link of a group: the URL's name, its words, its test id and who is shown it."""

    view_name: str
    label: Promise
    testid: str
    shown_to: Callable[[AnyUser], bool] = _with_role


@dataclass(frozen=True)
class Group:
    key: str
    label: Promise
    links: tuple[Link, ...]


GROUPS: tuple[Group, ...] = (
    Group(
        "cycle",
        _("Reform cycle"),
        (
            Link("studies:list", _("Pre-decision studies"), "nav-studies"),
            Link("risk:assessment_list", _("Social stability risk assessments"), "nav-risk"),
            Link("risk:rule", _("Risk level rule"), "nav-risk-rule", can_sign_off),
            Link("evaluation:list", _("Post-implementation evaluations"), "nav-evaluations"),
            Link("evaluation:mine", _("My assignments"), "nav-my-reviews"),
            Link("cases:case_list", _("Reform case library"), "nav-cases"),
        ),
    ),
    Group(
        "incentives",
        _("Appraisal and incentives"),
        (
            Link("appraisal:index", _("Performance appraisal"), "nav-appraisal"),
            Link("appraisal:bonus", _("Reform bonus points"), "nav-bonus"),
            Link("award:call_list", _("Innovation award"), "nav-award"),
            Link(
                "supervision:decision_list", _("Commendation and accountability decisions"), "nav-decisions"
            ),
            Link(
                "supervision:accountability",
                _("Accountability records"),
                "nav-accountability",
                can_see_accountability,
            ),
        ),
    ),
    Group(
        "open",
        _("Open government"),
        (
            Link("portal:home", _("Public portal"), "nav-portal"),
            # the office's tools of the public side (the pages check again, in their own apps)
            Link("ratings:queue", _("Citizens' ratings"), "nav-ratings", can_manage_programme),
            Link("api:token_list", _("API tokens"), "nav-api-tokens", can_manage_programme),
            Link("webhooks:endpoint_list", _("Data push"), "nav-webhooks", can_manage_programme),
        ),
    ),
)


@dataclass(frozen=True)
class ShownLink:
    url: str
    label: str
    testid: str
    current: bool


@dataclass(frozen=True)
class ShownGroup:
    key: str
    label: str
    links: list[ShownLink]
    current: bool


@register.simple_tag
def nav_role(user: AnyUser | str) -> str | None:
    """The user's role, ``None`` without one (and on the error pages, whose context has no user)."""
    return None if isinstance(user, str) else role_of(user)


@register.simple_tag(takes_context=True)
def site_menus(context: dict[str, Any], user: AnyUser | str) -> list[ShownGroup]:
    """The groups with the links the user is shown; a group with none is left out."""
    if isinstance(user, str) or role_of(user) is None:
        return []
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    here = match.view_name if match is not None else ""
    shown = []
    for group in GROUPS:
        links = [
            ShownLink(reverse(link.view_name), str(link.label), link.testid, link.view_name == here)
            for link in group.links
            if link.shown_to(user)
        ]
        if links:
            shown.append(ShownGroup(group.key, str(group.label), links, any(link.current for link in links)))
    return shown
