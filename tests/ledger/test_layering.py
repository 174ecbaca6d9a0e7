"""ingest stays pure Python: importing it loads nothing from Django."""

from __future__ import annotations

import subprocess
import sys


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
