"""A site without the `rq` extra (pip install reformtrack, not reformtrack[rq]) starts and serves:
nothing of RQ, its Redis client or django-rq is imported unless it is installed and asked for."""

from __future__ import annotations

import os
import subprocess
import sys

# What `reformtrack[rq]` adds; None in sys.modules makes an import fail as if it were not installed.
RQ_EXTRA = ["django_tasks_rq", "django_rq", "rq", "rq_scheduler", "redis"]


def run_without_rq(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    program = (
        f"import sys\nfor name in {RQ_EXTRA!r}:\n    sys.modules[name] = None\n"
        "import django\ndjango.setup()\n" + code
    )
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "reformtrack.settings", "TASKS_BACKEND": "db"}
    return subprocess.run(
        [sys.executable, "-c", program],
        capture_output=True,
        text=True,
        check=False,
        env={**environment, **env},
    )


def test_the_site_starts_without_rq_and_has_no_queue_pages() -> None:
    result = run_without_rq(
        "from django.conf import settings\n"
        "from django.contrib import admin\n"
        "from django.core.management import call_command\n"
        "from django.urls import reverse\n"
        "call_command('check')\n"
        "import reformtrack.urls\n"
        "reverse('admin:index'), reverse('web:dashboard')\n"
        "assert 'django_rq' not in settings.INSTALLED_APPS and not settings.RQ_INSTALLED\n"
        "assert not any(m._meta.app_label == 'django_rq' for m in admin.site._registry)\n"
        "print('ok')\n"
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("ok")


def test_the_rq_backend_without_the_extra_says_what_to_install() -> None:
    result = run_without_rq("", TASKS_BACKEND="rq")

    assert result.returncode != 0
    assert "pip install 'reformtrack[rq]'" in result.stderr


def test_with_the_extra_the_queue_pages_are_there() -> None:
    from django.conf import settings
    from django.contrib import admin
    from django_rq.models import Dashboard

    assert settings.RQ_INSTALLED and Dashboard in admin.site._registry
