"""`reformtrack` is a click group; Django's management commands fall through to Django."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import Invoke

OWN_COMMANDS = ["bench", "export", "import", "parse", "plans", "show"]


def test_the_help_lists_every_command_and_mentions_django(invoke: Invoke) -> None:
    result = invoke("--help")

    assert result.exit_code == 0
    for command in OWN_COMMANDS:
        assert f"  {command} " in result.output
    assert "reformtrack migrate" in result.output


def test_it_prints_its_version(invoke: Invoke) -> None:
    result = invoke("--version")

    assert result.exit_code == 0
    assert result.output.startswith("reformtrack, version ")


@pytest.mark.django_db
def test_django_commands_fall_through(invoke: Invoke) -> None:
    result = invoke("check")

    assert result.exit_code == 0, result.output
    assert "System check identified no issues" in result.output


def test_django_help_lists_django_commands(invoke: Invoke) -> None:
    result = invoke("help")

    assert result.exit_code == 0
    assert "createsuperuser" in result.output
    assert "migrate" in result.output


def test_django_commands_take_their_own_options(invoke: Invoke) -> None:
    result = invoke("showmigrations", "--help")

    assert result.exit_code == 0
    assert "usage: reformtrack showmigrations" in result.output


def test_an_unknown_command_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("frobnicate")

    assert result.exit_code == 2
    assert "No such command 'frobnicate'" in result.output


def test_the_console_script_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reformtrack", "--help"], capture_output=True, text=True, check=False
    )

    assert result.returncode == 0, result.stderr
    assert "Usage: reformtrack" in result.stdout
