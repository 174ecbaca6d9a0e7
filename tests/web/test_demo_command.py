"""`reformtrack demo` makes one account per role, only with REFORMTRACK_DEMO=1."""

from __future__ import annotations

from collections.abc import Callable
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from reformtrack.accounts.permissions import role_of
from reformtrack.ledger.models import Plan, Project, Unit
from reformtrack.ledger.permissions import can_edit_project

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
