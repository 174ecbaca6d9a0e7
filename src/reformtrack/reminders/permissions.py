"""Who may see what of the reminders; built on the ledger's and accounts' permissions.

=================  ==============================  ==========================================
role               own notifications (/reminders/)  delivery log, group robots (/reminders/log/)
=================  ==============================  ==========================================
office             yes                              yes
everyone else      yes                              no (403)
anonymous          login                            login
=================  ==============================  ==========================================

A notification belongs to its recipient alone: anybody else's answers 404.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reformtrack.accounts.choices import Role
from reformtrack.accounts.permissions import role_of

if TYPE_CHECKING:
    from reformtrack.accounts.permissions import AnyUser

    from .models import Notification


def can_read_notification(user: AnyUser, notification: Notification) -> bool:
    """Is the notification the user's own?"""
    return user.is_authenticated and notification.recipient_id == user.pk


def can_view_delivery_log(user: AnyUser) -> bool:
    """The delivery log and the group robots: the coordinating office, which runs the reminders."""
    return role_of(user) == Role.OFFICE
