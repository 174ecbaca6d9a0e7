"""`reformtrack ratings_purge` erases the identity and address keys of ratings older than the
office's retention period (also from their history); the scores stay and still count."""

from __future__ import annotations

import io

from django.core.management import call_command
from freezegun import freeze_time

from reformtrack.ledger.models import Project
from reformtrack.ratings.models import Rating
from reformtrack.ratings.selectors import satisfaction
from reformtrack.ratings.services import settings_of

from .conftest import Submit


def test_old_ratings_lose_their_keys_and_keep_their_scores(public_project: Project, submit: Submit) -> None:
    rules = settings_of()
    rules.retention_days = 30
    rules.save()
    with freeze_time("2026-01-01"):
        old = submit(public_project, cookie="old", score=2, comment="慢")
    with freeze_time("2026-01-25"):
        recent = submit(public_project, cookie="recent", score=4)

    out = io.StringIO()
    with freeze_time("2026-02-05"):
        call_command("ratings_purge", stdout=out)

    assert out.getvalue().strip() == "1 ratings erased"
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.identity, old.ip_hash, old.score, old.comment) == (None, "", 2, "慢")
    assert old.erased_at is not None
    assert recent.identity and recent.ip_hash and recent.erased_at is None
    assert satisfaction(public_project).count == 2
    history = list(Rating.history.filter(id=old.pk).values())
    assert history and all("identity" not in row and "ip_hash" not in row for row in history)


def test_a_second_run_erases_nothing_more(public_project: Project, submit: Submit) -> None:
    with freeze_time("2024-01-01"):
        submit(public_project)
    out = io.StringIO()
    call_command("ratings_purge", stdout=out)
    call_command("ratings_purge", stdout=out)

    assert out.getvalue().split("\n")[:2] == ["1 ratings erased", "0 ratings erased"]
