"""Migrations ledger/0006 and imports/0003 on a site whose review reasons are English sentences: each
sentence the importer wrote becomes its code and parameters, any other is kept whole as text, and
backwards the sentences come back."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from reformtrack.ledger.models import Plan, Project

BEFORE = [("ledger", "0005_protect_work"), ("imports", "0002_import_upload")]
AFTER = [("ledger", "0006_review_reasons_as_data"), ("imports", "0003_review_reason_codes")]

# What the importer wrote before reasons were data, and what each becomes.
SENTENCES = {
    (
        "damaged text recovered as “化及” with doubt (“化前” fits the bytes nearly as well)"
        " in “（一）强化及时”"
    ): {"code": "doubt", "params": {"chosen": "化及", "rival": "化前", "context": "（一）强化及时"}},
    "a character is lost between “阳光慈尚” and “大爱罗湖” (shown as □)": {
        "code": "lost",
        "params": {"before": "阳光慈尚", "after": "大爱罗湖"},
    },
    "unreadable damaged text “剿鞲涌” was not recovered; please retype it": {
        "code": "unreadable",
        "params": {"text": "剿鞲涌"},
    },
    "damaged text “?。ㄒ” was left unrepaired (the repair ran out of time); please check it": {
        "code": "unrepaired",
        "params": {"text": "?。ㄒ"},
    },
    "damaged text, not recovered with certainty": {"code": "damaged", "params": {}},
    "synthetic": {"code": "text", "params": {"text": "synthetic"}},
    "title recovered from damaged text": {
        "code": "text",
        "params": {"text": "title recovered from damaged text"},
    },
}


def _draft_parsed(reasons: list[str]) -> dict[str, Any]:
    child = {"label": "1.", "needs_review": True, "review_reasons": reasons[:1], "children": []}
    item = {"label": "（一）", "needs_review": True, "review_reasons": reasons, "children": [child]}
    return {"title": "方案", "chapters": [{"number": 1, "items": [item]}]}


@pytest.mark.django_db(transaction=True)
def test_old_sentences_become_codes_and_come_back(store_plan: Any, office_user: User) -> None:
    plan: Plan = store_plan(chapters=1, projects=2, children=0)
    first, second = Project.objects.filter(plan=plan).order_by("position")
    sentences = list(SENTENCES)
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    try:
        executor.migrate(BEFORE)
        old = executor.loader.project_state(BEFORE).apps
        old.get_model("ledger", "Project").objects.filter(pk=first.pk).update(review_reasons=sentences)
        old.get_model("ledger", "HistoricalProject").objects.filter(id=first.pk).update(
            review_reasons=sentences
        )
        draft = old.get_model("imports", "ImportDraft").objects.create(
            owner_id=office_user.pk, filename="a.txt", sha256="a" * 64, size=1, content=b"x",
            parsed=_draft_parsed(sentences),
        )  # fmt: skip
        executor = MigrationExecutor(connection)
        executor.migrate(AFTER)
        new = executor.loader.project_state(AFTER).apps
        project_model = new.get_model("ledger", "Project")
        converted = project_model.objects.get(pk=first.pk).review_reasons
        untouched = project_model.objects.get(pk=second.pk).review_reasons
        history = [
            row.review_reasons
            for row in new.get_model("ledger", "HistoricalProject").objects.filter(id=first.pk)
        ]
        item = (
            new.get_model("imports", "ImportDraft").objects.get(pk=draft.pk).parsed["chapters"][0]["items"][0]
        )

        executor = MigrationExecutor(connection)
        executor.migrate(BEFORE)
        old = executor.loader.project_state(BEFORE).apps
        back = old.get_model("ledger", "Project").objects.get(pk=first.pk).review_reasons
        draft_back = old.get_model("imports", "ImportDraft").objects.get(pk=draft.pk).parsed
    finally:  # the schema the other tests expect, whatever happened here
        executor = MigrationExecutor(connection)
        executor.migrate(latest)

    assert converted == list(SENTENCES.values())
    assert untouched == []
    assert history and all(reasons == list(SENTENCES.values()) for reasons in history)
    assert item["review_reasons"] == sentences  # the words as they were
    assert item["review_reason_codes"] == list(SENTENCES.values())
    assert item["children"][0]["review_reason_codes"] == [SENTENCES[sentences[0]]]
    assert back == sentences
    assert draft_back == _draft_parsed(sentences)
