"""Units merged into another are kept, archived (archived_at, merged_into); units get a version for
stale merge pages; aliases get their history (a first row for those that exist) and PROTECT."""

from typing import Any

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


def _first_history_rows(apps: Any, schema_editor: Any) -> None:
    """Aliases that existed before their history did get a first "+" row, so each has a history."""
    alias_model = apps.get_model("ledger", "UnitAlias")
    history_model = apps.get_model("ledger", "HistoricalUnitAlias")
    now = timezone.now()
    history_model.objects.bulk_create(
        [
            history_model(
                id=alias.id,
                unit_id=alias.unit_id,
                name=alias.name,
                history_date=now,
                history_type="+",
                history_change_reason="history started",
            )
            for alias in alias_model.objects.all().iterator()
        ],
        batch_size=1000,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("ledger", "0006_review_reasons_as_data"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalunit",
            name="archived_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="archived at"),
        ),
        migrations.AddField(
            model_name="historicalunit",
            name="merged_into",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="ledger.unit",
                verbose_name="merged into",
            ),
        ),
        migrations.AddField(
            model_name="historicalunit",
            name="version",
            field=models.PositiveIntegerField(default=1, verbose_name="version"),
        ),
        migrations.AddField(
            model_name="unit",
            name="archived_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="archived at"),
        ),
        migrations.AddField(
            model_name="unit",
            name="merged_into",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="merged_units",
                to="ledger.unit",
                verbose_name="merged into",
            ),
        ),
        migrations.AddField(
            model_name="unit",
            name="version",
            field=models.PositiveIntegerField(default=1, verbose_name="version"),
        ),
        migrations.AlterField(
            model_name="unitalias",
            name="unit",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="aliases",
                to="ledger.unit",
                verbose_name="unit",
            ),
        ),
        migrations.CreateModel(
            name="HistoricalUnitAlias",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                ("name", models.CharField(db_index=True, max_length=200, verbose_name="name")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "unit",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="ledger.unit",
                        verbose_name="unit",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical unit alias",
                "verbose_name_plural": "historical unit aliases",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.RunPython(_first_history_rows, migrations.RunPython.noop),
    ]
