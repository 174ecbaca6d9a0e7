"""A draft's parsed items gain ``review_reason_codes``, read from their old English sentences.

``ImportDraft.parsed`` is ``ParsedPlan.to_dict()``, which now carries each item's reasons as codes
(``review_reason_codes``) beside the worded ones. A draft parsed before has only the English
sentences; they are read back with the ledger migration's private copy of the old expression, so
the draft's page words them in the reader's language too. The sentences stay as they were.
"""

from __future__ import annotations

import importlib
from typing import Any

from django.db import migrations

_ledger = importlib.import_module("reformtrack.ledger.migrations.0006_review_reasons_as_data")


def _add_codes(items: Any) -> bool:
    changed = False
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        reasons = item.get("review_reasons")
        if "review_reason_codes" not in item and isinstance(reasons, list):
            item["review_reason_codes"] = [_ledger.reason_data(reason) for reason in reasons]
            changed = True
        changed = _add_codes(item.get("children")) or changed
    return changed


def _drop_codes(items: Any) -> bool:
    changed = False
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict):
            changed = item.pop("review_reason_codes", None) is not None or changed
            changed = _drop_codes(item.get("children")) or changed
    return changed


def _convert(apps: Any, change: Any) -> None:
    draft_model = apps.get_model("imports", "ImportDraft")
    for draft in draft_model.objects.only("pk", "parsed").order_by("pk"):
        chapters = draft.parsed.get("chapters") if isinstance(draft.parsed, dict) else None
        changed = False
        for chapter in chapters if isinstance(chapters, list) else []:
            if isinstance(chapter, dict):
                changed = change(chapter.get("items")) or changed
        if changed:
            draft.save(update_fields=["parsed"])


def forwards(apps: Any, schema_editor: Any) -> None:
    _convert(apps, _add_codes)


def backwards(apps: Any, schema_editor: Any) -> None:
    _convert(apps, _drop_codes)


class Migration(migrations.Migration):
    dependencies = [
        ("imports", "0002_import_upload"),
        ("ledger", "0006_review_reasons_as_data"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
