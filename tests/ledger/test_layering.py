"""The layers hold: ingest stays pure Python, core imports no app of ours, every app is in the contract."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from django.conf import settings


def test_ingest_does_not_import_django() -> None:
    # every module of the package, not only its face: an import in one reader would hide behind it
    code = (
        "import pkgutil, sys, importlib, reformtrack.ingest as p; "
        "names = [m.name for m in pkgutil.walk_packages(p.__path__, 'reformtrack.ingest.')]; "
        "[importlib.import_module(n) for n in names]; "
        "assert len(names) > 10, names; "
        'assert not any(m.startswith("django") for m in sys.modules), names'
    )

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)

    assert result.returncode == 0, result.stderr


def test_the_cli_loads_django_only_for_commands_that_need_it() -> None:
    code = (
        "import sys, reformtrack.cli, reformtrack.ledger.render; "
        'assert not any(m.startswith("django") for m in sys.modules)'
    )

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)

    assert result.returncode == 0, result.stderr


def test_core_imports_no_app_of_ours() -> None:
    # core sits under accounts: it may use ingest and Django, never an app above it
    code = (
        "import sys, reformtrack.core.spreadsheet, reformtrack.core.text; "
        "ours = [m for m in sys.modules if m.startswith('reformtrack.') "
        "and not m.startswith(('reformtrack.core', 'reformtrack.ingest'))]; "
        "assert not ours, ours"
    )

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)

    assert result.returncode == 0, result.stderr


def test_every_app_of_ours_sits_in_a_layer_and_none_is_excused() -> None:
    # lint-imports checks only the modules the contract names: an app left out would go unchecked
    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    contracts = tomllib.loads(pyproject.read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]
    layers = next(contract for contract in contracts if contract["type"] == "layers")
    named = {name.strip() for layer in layers["layers"] for name in layer.split(":")}
    ours = {app for app in settings.INSTALLED_APPS if app.startswith("reformtrack.")}

    assert ours <= named
    assert "ignore_imports" not in layers
