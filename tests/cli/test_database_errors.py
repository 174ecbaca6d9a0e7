"""A database that is not set up is one clear line, not a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_an_unmigrated_database_asks_for_migrate(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env["REFORMTRACK_HOME"] = str(tmp_path)

    result = subprocess.run(
        [sys.executable, "-m", "reformtrack", "plans"], capture_output=True, text=True, env=env, check=False
    )

    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("Error: database: ")
    assert result.stderr.rstrip().endswith("run `reformtrack migrate` first")
