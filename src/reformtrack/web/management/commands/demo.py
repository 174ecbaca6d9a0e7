"""``reformtrack demo``: one account per role to try the platform with (only with REFORMTRACK_DEMO=1)."""

from __future__ import annotations

import datetime as dt
import os
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from reformtrack.accounts.choices import Role
from reformtrack.accounts.models import Profile
from reformtrack.ledger.choices import UnitKind, UnitRole
from reformtrack.ledger.models import Plan, Project, Target, Unit
from reformtrack.ledger.services import project_assign, unit_members_set, units_resolve
from reformtrack.ledger.services_publish import plan_publish
from reformtrack.ledger.services_targets import target_value_record

DEFAULT_PASSWORD = "reformtrack-demo"
CLERK_UNIT = "区经济促进局"
COUNIT_UNIT = "区科技创新局"
# 罗湖区's ten street offices: what the sample plan's 各相关街道办事处 stands for.
STREETS = ["桂园", "黄贝", "东门", "翠竹", "东晓", "南湖", "笋岗", "东湖", "莲塘", "清水河"]
COLLECTIVE_STREETS = "各相关街道办事处"
# the source of the demo's target values, as the project page shows it
DEMO_SOURCE = "演示数据"

# username, name, role, unit
ACCOUNTS: list[tuple[str, str, Role, str | None]] = [
    ("office", "区委（政府）办（演示）", Role.OFFICE, None),
    ("leader", "区领导（演示）", Role.LEADER, None),
    ("supervision", "督查室（演示）", Role.SUPERVISION, None),
    ("clerk", "区经济促进局联络员（演示）", Role.CLERK, CLERK_UNIT),
    ("counit", "区科技创新局配合人员（演示）", Role.COUNIT, COUNIT_UNIT),
]


def demo_value(target: Target) -> Decimal:
    """A plausible actual value: a percentage a few points short of its aim, a count at about 60 %."""
    aim = Decimal(str(target.min_value))
    if target.unit == "%":
        return max(aim - 4, Decimal(0))
    return max(Decimal(1), (aim * Decimal("0.6")).to_integral_value(rounding=ROUND_FLOOR))


class Command(BaseCommand):
    help = (
        "Create one demo account per role (office, leader, supervision, clerk of 区经济促进局, counit of "
        "区科技创新局) and print their password; make the leader in charge of the first two chapters' "
        "projects of every plan; give each target without a value one, halfway through its plan; publish "
        "every plan not yet published, with all its projects, on the public portal. "
        "Refused unless REFORMTRACK_DEMO=1. Running it again resets the accounts."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--password", default=DEFAULT_PASSWORD, help="the demo accounts' password")

    def handle(self, *args: Any, **options: Any) -> None:
        if os.environ.get("REFORMTRACK_DEMO") != "1":
            raise CommandError(
                "demo accounts are only made with REFORMTRACK_DEMO=1 (they have a known password)",
                returncode=2,
            )
        password: str = options["password"]
        with transaction.atomic():
            users = self._accounts(password)
            self._lead_projects(users["office"], users["leader"])
            self._streets(users["office"])
            self._target_values(users["office"])
            self._publish(users["office"])
        self.stdout.write(f"Demo accounts (password for all: {password}):")
        for username, name, role, unit in ACCOUNTS:
            self.stdout.write(f"  {username:<12} {role.label!s:<20} {unit or ''}  {name}")
        if Plan.objects.exists():
            led = Project.objects.filter(leader=users["leader"]).count()
            self.stdout.write(f"The leader is in charge of {led} projects.")
        else:
            self.stdout.write("No plan yet: `reformtrack import --sample` imports the sample plan.")

    def _accounts(self, password: str) -> dict[str, Any]:
        units = units_resolve(unit for *_, unit in ACCOUNTS if unit)
        users: dict[str, Any] = {}
        user_model = get_user_model()
        for username, name, role, unit_name in ACCOUNTS:
            user = user_model._default_manager.filter(username=username).first() or user_model(
                username=username
            )
            user.first_name = name
            user.is_active = True
            user.is_staff = role == Role.OFFICE
            user.set_password(password)
            user.save()
            unit = units[unit_name] if unit_name else None
            Profile.objects.update_or_create(user=user, defaults={"role": role, "unit": unit})
            users[username] = user
        return users

    def _lead_projects(self, office: Any, leader: Any) -> None:
        for plan in Plan.objects.all():
            chapters = plan.chapters.order_by("position")[:2]
            projects = Project.objects.filter(chapter__in=chapters, leader__isnull=True).prefetch_related(
                "project_units__unit"
            )
            for project in projects:
                links = sorted(project.project_units.all(), key=lambda link: link.position)
                project_assign(
                    project=project,
                    by=office,
                    leader=leader,
                    lead_units=[link.unit for link in links if link.role == UnitRole.LEAD],
                    co_units=[link.unit for link in links if link.role == UnitRole.CO],
                )

    def _target_values(self, office: Any) -> None:
        """One actual value for each target without any, halfway through its plan, so the dashboard
        and the project pages show achievement and its chart (nothing is computed from no value)."""
        targets = Target.objects.filter(values__isnull=True, min_value__isnull=False).select_related(
            "project__plan"
        )
        for target in targets:
            plan = target.project.plan
            if plan.period_start is None or plan.period_end is None or plan.period_end <= plan.period_start:
                continue
            target_value_record(
                target=target,
                date=dt.date(plan.period_start + 1, 6, 30),
                value=demo_value(target),
                by=office,
                source=DEMO_SOURCE,
            )

    def _publish(self, office: Any) -> None:
        """Every plan not yet on the public portal published with all its projects, through the
        office's own publish step, so that /public/ shows the sample as citizens would see it."""
        for plan in Plan.objects.filter(published_at__isnull=True):
            plan_publish(by=office, plan=plan, all_projects=True)

    def _streets(self, office: Any) -> None:
        collective = Unit.objects.filter(name=COLLECTIVE_STREETS).first()
        if collective is None or collective.members.exists():
            return
        streets = units_resolve(f"{name}街道办事处" for name in STREETS)
        Unit.objects.filter(pk__in=[unit.pk for unit in streets.values()]).update(kind=UnitKind.STREET)
        unit_members_set(unit=collective, by=office, members=streets.values())
