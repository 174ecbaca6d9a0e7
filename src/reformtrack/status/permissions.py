"""Who may see and change the status lights' rules: the one place the status app's access rules live.

Every user with a role reads a plan's rules (a unit should know what its lights are judged by);
only the coordinating office changes them or starts a recomputation. The lights themselves are shown
with the projects, under the ledger's rules (ledger/permissions.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reformtrack.accounts.permissions import can_manage_programme, role_of

if TYPE_CHECKING:
    from reformtrack.accounts.permissions import AnyUser


def can_view_rules(user: AnyUser) -> bool:
    """May the user read the rules of a plan's lights?"""
    return role_of(user) is not None


def can_edit_rules(user: AnyUser) -> bool:
    """May the user change the rules and recompute the lights? The coordinating office only."""
    return can_manage_programme(user)
