"""Review reasons become data: each stored English sentence becomes ``{"code": …, "params": {…}}``.

Until now the importer wrote its reasons as English sentences and the pages read them back with a
regular expression. That expression lives on here, a private copy, for the rows written before:
a sentence it reads becomes its code and parameters; any other (a reason written by hand, a
benchmark's placeholder) is kept whole as the ``text`` code, so nothing is lost. The project's
history rows are converted alike. Backwards, the codes are written as the old sentences again.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import migrations

# The sentences the importer wrote (reformtrack.ingest.marks, before reasons were data).
_FORMS = {
    "doubt": (
        "damaged text recovered as “{chosen}” with doubt (“{rival}” fits the bytes nearly as well)"
        " in “{context}”"
    ),
    "lost": "a character is lost between “{before}” and “{after}” (shown as □)",
    "unreadable": "unreadable damaged text “{text}” was not recovered; please retype it",
    "unrepaired": "damaged text “{text}” was left unrepaired (the repair ran out of time); please check it",
    "damaged": "damaged text, not recovered with certainty",
}


def _pattern(form: str) -> re.Pattern[str]:
    pattern = re.escape(form).replace(r"\{", "{").replace(r"\}", "}")
    return re.compile(re.sub(r"\{(\w+)\}", lambda m: f"(?P<{m.group(1)}>.*?)", pattern), re.S)


_PATTERNS = {code: _pattern(form) for code, form in _FORMS.items()}


def reason_data(value: Any) -> dict[str, Any]:
    """One stored reason as ``{"code", "params"}``: an old sentence read back, or kept as text."""
    if isinstance(value, dict) and "code" in value and isinstance(value.get("params"), dict):
        return value  # already data
    text = value if isinstance(value, str) else str(value)
    for code, pattern in _PATTERNS.items():
        match = pattern.fullmatch(text)
        if match:
            return {"code": code, "params": match.groupdict()}
    return {"code": "text", "params": {"text": text}}


def reason_sentence(value: Any) -> str:
    """One reason as the importer's old English sentence (the migration backwards)."""
    if not isinstance(value, dict):
        return str(value)
    code, params = value.get("code"), value.get("params") or {}
    if code in _FORMS:
        try:
            return _FORMS[code].format_map(params)
        except KeyError:
            pass
    return str(params.get("text", value))


def _convert(apps: Any, convert: Any) -> None:
    for name in ("Project", "HistoricalProject"):
        model = apps.get_model("ledger", name)
        changed = []
        # Read to the end before writing: SQLite does not isolate a cursor from writes to its table.
        for row in model.objects.only("pk", "review_reasons").order_by("pk").iterator(chunk_size=2000):
            reasons = row.review_reasons
            if isinstance(reasons, list) and reasons:
                new = [convert(reason) for reason in reasons]
                if new != reasons:
                    row.review_reasons = new
                    changed.append(row)
        model.objects.bulk_update(changed, ["review_reasons"], batch_size=500)


def forwards(apps: Any, schema_editor: Any) -> None:
    _convert(apps, reason_data)


def backwards(apps: Any, schema_editor: Any) -> None:
    _convert(apps, reason_sentence)


class Migration(migrations.Migration):
    dependencies = [
        ("ledger", "0005_protect_work"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
