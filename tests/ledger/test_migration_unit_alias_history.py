"""Migration ledger/0007: the aliases a site already has get a first history row, and units start
in use (not archived) at version 1."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("ledger", "0006_review_reasons_as_data")]
AFTER = [("ledger", "0007_unit_alias_history")]


@pytest.mark.django_db(transaction=True)
def test_existing_aliases_get_a_first_history_row() -> None:
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    try:
        executor.migrate(BEFORE)
        old = executor.loader.project_state(BEFORE).apps
        unit = old.get_model("ledger", "Unit").objects.create(name="区发改局")
        old.get_model("ledger", "UnitAlias").objects.create(unit=unit, name="区发展和改革局")
        executor = MigrationExecutor(connection)
        executor.migrate(AFTER)
        new = executor.loader.project_state(AFTER).apps
        rows = list(
            new.get_model("ledger", "HistoricalUnitAlias").objects.values_list("name", "history_type")
        )
        migrated = new.get_model("ledger", "Unit").objects.get(pk=unit.pk)
    finally:  # the schema the other tests expect, whatever happened here
        executor = MigrationExecutor(connection)
        executor.migrate(latest)

    assert rows == [("区发展和改革局", "+")]
    assert (migrated.archived_at, migrated.merged_into_id, migrated.version) == (None, None, 1)
