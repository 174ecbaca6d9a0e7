"""Reads of the webhooks app, scoped by :func:`reformtrack.core.restrict.restrict`, in a fixed
number of queries whatever the number of rows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count, Max, Q, QuerySet

from .choices import DeliveryStatus
from .models import Delivery, Endpoint

if TYPE_CHECKING:
    from reformtrack.accounts.permissions import AnyUser


def endpoints_of(user: AnyUser, *, archived: bool = False) -> QuerySet[Endpoint]:
    """The endpoints the user may see (archived ones apart), each with its count of failed deliveries
    and the time of its last sent one."""
    return (
        Endpoint.objects.restrict(user, "view")
        .filter(archived_at__isnull=not archived)
        .annotate(
            failed_count=Count("deliveries", filter=Q(deliveries__status=DeliveryStatus.FAILED)),
            last_sent_at=Max("deliveries__sent_at"),
        )
        .order_by("name", "id")
    )


def endpoint_of(user: AnyUser, pk: int) -> Endpoint | None:
    """The endpoint ``pk`` if the user may see it."""
    return Endpoint.objects.restrict(user, "view").filter(pk=pk).first()


def endpoint_deliveries(user: AnyUser, endpoint: Endpoint, *, status: str = "") -> QuerySet[Delivery]:
    """The endpoint's deliveries, newest first, of one status if ``status`` names one."""
    deliveries = Delivery.objects.restrict(user, "view").filter(endpoint=endpoint)
    if status in DeliveryStatus.values:
        deliveries = deliveries.filter(status=status)
    return deliveries.order_by("-created_at", "-id")


def delivery_of(user: AnyUser, pk: int) -> Delivery | None:
    """The delivery ``pk`` with its endpoint, if the user may see it."""
    return Delivery.objects.restrict(user, "view").select_related("endpoint").filter(pk=pk).first()
