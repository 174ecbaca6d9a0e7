"""`reformtrack demo` makes one account per role, only with REFORMTRACK_DEMO=1."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from reformtrack.accounts.permissions import role_of
from reformtrack.ledger.models import Plan, Project, Target, TargetValue, Unit
from reformtrack.ledger.permissions import can_edit_project
from reformtrack.ledger.selectors_targets import plan_achievement

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def test_it_refuses_without_demo_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REFORMTRACK_DEMO", raising=False)

    with pytest.raises(CommandError, match="REFORMTRACK_DEMO=1") as refused:
        run()

    assert refused.value.returncode == 2
    assert not User.objects.exists()


def test_it_makes_an_account_per_role_and_prints_the_password(
    monkeypatch: pytest.MonkeyPatch, store_plan: Callable[..., Plan]
) -> None:
    monkeypatch.setenv("REFORMTRACK_DEMO", "1")
    store_plan(chapters=3, projects=2, lead_units=("区经济促进局",), co_units=("区科技创新局",))

    output = run()

    assert "reformtrack-demo" in output
    roles = {user.username: role_of(user) for user in User.objects.all()}
    assert roles == {
        "office": "office",
        "leader": "leader",
        "supervision": "supervision",
        "clerk": "clerk",
        "counit": "counit",
    }
    clerk = authenticate(username="clerk", password="reformtrack-demo")
    assert clerk is not None and clerk.profile.unit.name == "区经济促进局"  # type: ignore[union-attr]
    leader = User.objects.get(username="leader")
    led = Project.objects.filter(leader=leader)
    assert led.count() == 8 and "in charge of 8 projects" in output  # the first two chapters, sub-items too
    assert can_edit_project(leader, led.first())  # type: ignore[arg-type]
    assert Project.objects.restrict(clerk, "view").count() == Project.objects.filter(level=1).count()


def test_running_it_again_resets_the_accounts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REFORMTRACK_DEMO", "1")
    run()
    User.objects.filter(username="office").update(is_active=False)

    output = run("--password", "another-demo-password")

    assert User.objects.count() == 5
    assert authenticate(username="office", password="another-demo-password") is not None
    assert "import --sample" in output  # no plan yet


def test_it_names_the_street_offices_of_the_collective(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REFORMTRACK_DEMO", "1")
    collective = Unit.objects.create(name="各相关街道办事处", kind="collective")

    run()

    assert collective.members.count() == 10
    assert collective.members.filter(name="东门街道办事处", kind="street").exists()


def test_it_gives_each_target_one_value_halfway_through_its_plan_once(
    monkeypatch: pytest.MonkeyPatch, store_plan: Callable[..., Plan]
) -> None:
    monkeypatch.setenv("REFORMTRACK_DEMO", "1")
    plan = store_plan(chapters=2, projects=2)  # 2013–2015, one target per project
    Target.objects.filter(project__plan=plan).update(min_value=10, max_value=None, unit="个")
    percent = Target.objects.filter(project__plan=plan).order_by("pk").first()
    assert percent is not None
    Target.objects.filter(pk=percent.pk).update(min_value=95, unit="%")

    run()
    run()  # again: no second value, nothing refused

    values = TargetValue.objects.filter(target__project__plan=plan)
    assert values.count() == Target.objects.filter(project__plan=plan).count() > 1
    assert {value.date for value in values} == {dt.date(2014, 6, 30)}
    assert {value.value for value in values if value.target_id != percent.pk} == {6}
    assert values.get(target=percent).value == 91
    rolled_up = plan_achievement(plan, today=dt.date(2014, 7, 1))
    assert rolled_up.plan is not None and rolled_up.known == rolled_up.targets  # the dashboard has a figure


@pytest.mark.django_db
def test_the_demo_publishes_the_plans_on_the_portal(
    monkeypatch: pytest.MonkeyPatch, store_plan: Callable[..., Plan]
) -> None:
    from django.test import Client

    from reformtrack.ledger.selectors_public import public_projects

    plan = store_plan(chapters=2, projects=2, title="演示公开的方案")
    monkeypatch.setenv("REFORMTRACK_DEMO", "1")
    call_command("demo", stdout=StringIO())

    assert public_projects().count() == plan.projects.count() > 0
    assert "演示公开的方案" in Client().get("/public/").content.decode()
