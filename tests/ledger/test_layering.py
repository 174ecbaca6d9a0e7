"""ingest stays pure Python: importing it loads nothing from Django."""

from __future__ import annotations

import subprocess
import sys


def test_ingest_does_not_import_django() -> None:
    code = 'import reformtrack.ingest, sys; assert not any(m.startswith("django") for m in sys.modules)'

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)

    assert result.returncode == 0, result.stderr


def test_the_cli_loads_django_only_for_commands_that_need_it() -> None:
    code = (
        "import sys, reformtrack.cli, reformtrack.ledger.render; "
        'assert not any(m.startswith("django") for m in sys.modules)'
    )

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)

    assert result.returncode == 0, result.stderr
