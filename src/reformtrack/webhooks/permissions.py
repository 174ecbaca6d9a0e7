"""Who may see and change the outgoing webhooks: the coordinating office, which decides which
other systems hear of the platform's events.

=================  =====================================================
role               endpoints and deliveries (/webhooks/)
=================  =====================================================
office             see, create, edit, archive, ping, retry
everyone else      no (403)
anonymous          login
=================  =====================================================

Lists take the rules through ``Endpoint.objects.restrict(user, …)`` and
``Delivery.objects.restrict(user, …)`` (:mod:`reformtrack.core.restrict`), registered here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from reformtrack.accounts.choices import Role
from reformtrack.accounts.permissions import role_of
from reformtrack.core.restrict import restriction

from .models import Delivery, Endpoint

if TYPE_CHECKING:
    from reformtrack.accounts.permissions import AnyUser


def can_manage_webhooks(user: AnyUser) -> bool:
    """Endpoints, their deliveries, pings and retries: the coordinating office alone."""
    return role_of(user) == Role.OFFICE


@restriction(Endpoint, "view", "change")
def _endpoints(endpoints: QuerySet[Endpoint], user: AnyUser) -> QuerySet[Endpoint]:
    """Every endpoint for the coordinating office; none for anybody else."""
    return endpoints.all() if can_manage_webhooks(user) else endpoints.none()


@restriction(Delivery, "view", "change")
def _deliveries(deliveries: QuerySet[Delivery], user: AnyUser) -> QuerySet[Delivery]:
    """Every delivery for the coordinating office; none for anybody else."""
    return deliveries.all() if can_manage_webhooks(user) else deliveries.none()
