"""What the staff pages share: how many of the nearest items a page lists, and the plan it shows."""

from __future__ import annotations

from collections.abc import Sequence

from django.http import HttpRequest

from reformtrack.ledger.models import Plan

# how many of the nearest deadlines, milestones and orders a page lists
NEAREST = 10


def plans_to_choose() -> list[Plan]:
    """Every plan, newest first, with what the plan picker and the period need."""
    return list(Plan.objects.only("pk", "title", "period_start", "period_end").order_by("-issued", "-pk"))


def chosen_plan(request: HttpRequest, plans: Sequence[Plan]) -> Plan | None:
    """The plan named by ?plan=, else the newest one."""
    wanted = request.GET.get("plan", "")
    if wanted.isdigit():
        for plan in plans:
            if plan.pk == int(wanted):
                return plan
    return plans[0] if plans else None
