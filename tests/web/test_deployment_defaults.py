"""An installed site is production-safe by default: DEBUG off, HTTPS only, a key of its own.

Run as the real command in subprocesses, with DEBUG off and only what the deployment guide asks for.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

KEY = "x" * 20 + "-test-deploy-" + "y" * 30


def run(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("SECURE_", "DJANGO_")) and name not in {"DEBUG", "SECRET_KEY", "DATABASE_URL"}
    }
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**clean, "DEBUG": "0", "REFORMTRACK_HOME": str(tmp_path), **env},
    )


def findings(result: subprocess.CompletedProcess[str]) -> set[str]:
    return set(re.findall(r"\(([a-z_]+\.[EW]\d+)\)", result.stdout + result.stderr))


def test_check_deploy_leaves_only_the_owners_hsts_decisions(tmp_path: Path) -> None:
    result = run(
        tmp_path, "-m", "reformtrack", "check", "--deploy", SECRET_KEY=KEY, ALLOWED_HOSTS="rt.example.org"
    )

    # includeSubDomains (W005) and preload (W021): off by default, docs/deployment.md says why
    assert findings(result) == {"security.W005", "security.W021"}, result.stderr


def test_the_switches_for_a_tls_proxy_turn_redirect_and_hsts_off(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        "-m",
        "reformtrack",
        "check",
        "--deploy",
        SECRET_KEY=KEY,
        ALLOWED_HOSTS="rt.example.org",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
    )

    assert findings(result) == {"security.W004", "security.W008"}, result.stderr


def test_a_site_without_a_key_fails_the_deploy_check(tmp_path: Path) -> None:
    result = run(tmp_path, "-m", "reformtrack", "check", "--deploy", ALLOWED_HOSTS="rt.example.org")

    assert result.returncode != 0
    assert "reformtrack.E001" in findings(result)


def test_commands_run_without_a_key(tmp_path: Path) -> None:
    result = run(tmp_path, "-m", "reformtrack", "check")

    assert result.returncode == 0, result.stderr
    assert "reformtrack.E001" not in result.stdout + result.stderr


@pytest.mark.parametrize("entry", ["reformtrack.wsgi", "reformtrack.asgi"])
def test_the_server_refuses_to_start_without_a_key(tmp_path: Path, entry: str) -> None:
    refused = run(tmp_path, "-c", f"import {entry}")
    served = run(tmp_path, "-c", f"import {entry}", SECRET_KEY=KEY)

    assert refused.returncode != 0 and "reformtrack.E001" in refused.stderr
    assert served.returncode == 0, served.stderr
