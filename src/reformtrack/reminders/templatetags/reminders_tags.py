"""The bell: a person's unread notification count, for the navigation bar."""

from __future__ import annotations

from django import template
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser

from reformtrack.reminders.selectors import unread_count

register = template.Library()


@register.simple_tag
def unread_notifications(user: AbstractBaseUser | AnonymousUser | str) -> int:
    """How many unread notifications ``user`` has (one query; 0 for anonymous)."""
    if isinstance(user, str) or not user.is_authenticated:
        return 0
    return unread_count(user)
