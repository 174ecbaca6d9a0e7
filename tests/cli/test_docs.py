"""Every command and every setting is documented."""

from __future__ import annotations

import re
from pathlib import Path

import click

import reformtrack.settings
from reformtrack.cli import cli

DOCS = Path(__file__).resolve().parents[2] / "docs"


def commands(group: click.Group, prefix: str = "reformtrack") -> list[str]:
    names = []
    for name, command in group.commands.items():
        names.append(f"{prefix} {name}")
        if isinstance(command, click.Group):
            names.extend(commands(command, f"{prefix} {name}"))
    return names


def test_every_command_has_a_section() -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")

    for name in commands(cli):
        top = " ".join(name.split()[:2])
        assert f"## {top}\n" in text, top
        assert name in text, name


def test_every_command_has_help_text() -> None:
    for command in [cli, *cli.commands.values()]:
        assert command.help, command.name


def test_every_setting_is_documented() -> None:
    source = Path(reformtrack.settings.__file__).read_text(encoding="utf-8")
    variables = set(re.findall(r'(?:env[a-z]*|os\.environ\.get)\("([A-Z_]+)"', source))
    text = (DOCS / "settings.md").read_text(encoding="utf-8")

    assert variables >= {"DATABASE_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "REFORMTRACK_HOME"}
    for variable in variables:
        assert f"| `{variable}` |" in text, variable
