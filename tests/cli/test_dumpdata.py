"""`reformtrack dumpdata` works as shipped: django-rq's table-less dashboard model is skipped."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_dumpdata_skips_the_model_without_a_table(office_user: object) -> None:
    out = io.StringIO()

    call_command("dumpdata", stdout=out)

    models = {row["model"] for row in json.loads(out.getvalue())}
    assert "auth.user" in models
    assert not any(model.startswith("django_rq.") for model in models)
