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


ROOT = DOCS.parent
# Names the docs use for things that are not repository files: the members of a backup archive, and
# Django's manage.py that `reformtrack` stands in for.
NOT_FILES = {"manifest.json", "data.json", "manage.py"}
FILE_NAME = re.compile(r"[`(]([\w./-]+\.(?:py|md|html|js|css|txt|toml|json|po|cfg|ini))[`)#]")


def repository_files() -> set[str]:
    skip = {".venv", "node_modules", ".git", "data", ".mypy_cache", ".pytest_cache", ".ruff_cache"}
    files = set()
    for path in ROOT.rglob("*"):
        parts = path.relative_to(ROOT).parts
        if path.is_file() and not skip.intersection(parts):
            files.add("/".join(parts))
    return files


def test_docs_name_only_files_in_the_repository() -> None:
    # A file named in README or docs/ (as `path` or in a link) exists: under the repository root,
    # or as the tail of a path in it (docs write `accounts/permissions.py` for the app's module).
    files = repository_files()
    missing = []
    for page in [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]:
        for name in FILE_NAME.findall(page.read_text(encoding="utf-8")):
            name = name.removeprefix("./").removeprefix("../")
            if name in NOT_FILES:
                continue
            if "/" not in name and name.endswith(".md") and (DOCS / name).exists():
                continue
            if not any(f == name or f.endswith("/" + name) for f in files):
                missing.append(f"{page.name}: {name}")
    assert not missing, missing
