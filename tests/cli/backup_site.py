"""A site for the backup tests, run as its own process against REFORMTRACK_HOME / DATABASE_URL.

``python backup_site.py populate``: after `reformtrack import --sample`, an office account, a clerk
of a lead unit (through accounts.services), a quarterly reporting cycle, a report and two evidence
files (through reporting.services). ``python backup_site.py inspect``: prints one JSON object with
the rows per model, a digest of each model's rows, the SHA-256 of every file under MEDIA_ROOT,
each evidence file as the clerk downloads it through Django's test client, and whether a new row
gets an id after the old ones.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
CLERK_PASSWORD = "Reform-2014-quarterly!"


def populate() -> None:
    import datetime as dt

    from django.contrib.auth.models import User
    from django.core.files.uploadedfile import SimpleUploadedFile

    from reformtrack.accounts.models import Profile
    from reformtrack.ledger.choices import UnitRole
    from reformtrack.ledger.models import Plan, ProjectUnit
    from reformtrack.ledger.services_accounts import account_create
    from reformtrack.reporting.choices import Frequency
    from reformtrack.reporting.selectors import cycle_periods
    from reformtrack.reporting.services import cycle_create, evidence_add, report_start

    office = User.objects.create_user("office", first_name="区委办")
    Profile.objects.create(user=office, role="office")
    plan = Plan.objects.get()
    lead = ProjectUnit.objects.filter(project__plan=plan, role=UnitRole.LEAD).order_by("id").first()
    assert lead is not None
    clerk = account_create(
        by=office, username="clerk", name="联络员", role="clerk", unit=lead.unit, password=CLERK_PASSWORD
    )
    cycle = cycle_create(
        plan=plan,
        by=office,
        name="2014年季度进展",
        frequency=Frequency.QUARTERLY,
        start=dt.date(2014, 1, 1),
        end=dt.date(2014, 12, 31),
    )
    report = report_start(
        cycle=cycle,
        period_start=cycle_periods(cycle)[0].start,
        project=lead.project,
        unit=lead.unit,
        by=clerk,
    )
    evidence_add(report=report, by=clerk, upload=SimpleUploadedFile("佐证材料.pdf", PDF))
    evidence_add(report=report, by=clerk, upload=SimpleUploadedFile("现场照片.png", PNG))


def _exact(value: Any) -> str:
    """A value the JSON module cannot write, as text that keeps all of it (times to the microsecond)."""
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def inspect() -> dict[str, Any]:
    from django.conf import settings
    from django.core import serializers
    from django.db import transaction
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from reformtrack.backup import backed_up_models, row_counts
    from reformtrack.ledger.models import Unit
    from reformtrack.reporting.models import Evidence

    rows = row_counts()
    # every row's every field, per model: the same digests mean the same data, ids included; keys
    # sorted, because PostgreSQL's jsonb keeps the keys of a JSON field in an order of its own; times
    # to the microsecond (Django's own encoder would cut them to milliseconds and hide a loss)
    content = {
        model._meta.label: hashlib.sha256(
            json.dumps(
                serializers.serialize("python", model._base_manager.order_by("pk")),
                sort_keys=True,
                default=_exact,
            ).encode()
        ).hexdigest()
        for model in backed_up_models()
    }
    media = Path(settings.MEDIA_ROOT)
    files = {
        path.relative_to(media).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(media.rglob("*"))
        if path.is_file()
    }
    setup_test_environment()
    client = Client()
    # a real login: the password hash came through the archive
    logged_in = client.login(username="clerk", password=CLERK_PASSWORD)
    downloads = {}
    for evidence in Evidence.objects.order_by("id"):
        response = client.get(reverse("reporting:evidence_download", args=[evidence.pk]))
        body = b"".join(response.streaming_content) if response.status_code == 200 else b""  # type: ignore[attr-defined]
        downloads[evidence.original_name] = [response.status_code, hashlib.sha256(body).hexdigest()]
    with transaction.atomic():
        highest = Unit.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        fresh = Unit.objects.create(name="备份测试新单位").pk
        transaction.set_rollback(True)
    return {
        "rows": rows,
        "content": content,
        "files": files,
        "logged_in": logged_in,
        "downloads": downloads,
        "fresh_id_after_old": fresh > highest,
    }


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reformtrack.settings")
    import django

    django.setup()
    if sys.argv[1] == "populate":
        populate()
    else:
        print(json.dumps(inspect(), ensure_ascii=False))


if __name__ == "__main__":
    main()
