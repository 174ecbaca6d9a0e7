"""Target actuals: a target's form and baseline; a value's source, evidence file and who entered it.

The form of the targets stored before is inferred as the importer now infers it
(``ledger.achievement.infer_form``, plain Python over the stored text, bounds and unit).
"""

from typing import Any

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import reformtrack.ledger.models
from reformtrack.ledger.achievement import infer_form


def _infer_forms(apps: Any, schema_editor: Any) -> None:
    target_model = apps.get_model("ledger", "Target")
    changed = []
    for target in target_model.objects.only("pk", "text", "min_value", "max_value", "unit").iterator():
        target.form = infer_form(target.text, target.min_value, target.max_value, target.unit)
        changed.append(target)
    target_model.objects.bulk_update(changed, ["form"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("ledger", "0007_unit_alias_history"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="historicaltarget",
            name="baseline",
            field=models.DecimalField(
                blank=True, decimal_places=4, max_digits=18, null=True, verbose_name="baseline"
            ),
        ),
        migrations.AddField(
            model_name="historicaltarget",
            name="baseline_date",
            field=models.DateField(blank=True, null=True, verbose_name="baseline date"),
        ),
        migrations.AddField(
            model_name="historicaltarget",
            name="form",
            field=models.CharField(
                choices=[
                    ("exact", "Exact figure"),
                    ("at_least", "At least"),
                    ("at_most", "At most"),
                    ("range", "Range"),
                    ("decrease", "Decrease from the baseline"),
                    ("increase", "Increase from the baseline"),
                ],
                default="at_least",
                max_length=10,
                verbose_name="form",
            ),
        ),
        migrations.AddField(
            model_name="historicaltargetvalue",
            name="entered_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="entered at"),
        ),
        migrations.AddField(
            model_name="historicaltargetvalue",
            name="entered_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="entered by",
            ),
        ),
        migrations.AddField(
            model_name="historicaltargetvalue",
            name="evidence",
            field=models.TextField(blank=True, max_length=200, verbose_name="evidence file"),
        ),
        migrations.AddField(
            model_name="historicaltargetvalue",
            name="evidence_name",
            field=models.CharField(blank=True, max_length=255, verbose_name="evidence file name"),
        ),
        migrations.AddField(
            model_name="historicaltargetvalue",
            name="evidence_type",
            field=models.CharField(blank=True, max_length=100, verbose_name="evidence content type"),
        ),
        migrations.AddField(
            model_name="historicaltargetvalue",
            name="source",
            field=models.CharField(blank=True, max_length=200, verbose_name="source"),
        ),
        migrations.AddField(
            model_name="target",
            name="baseline",
            field=models.DecimalField(
                blank=True, decimal_places=4, max_digits=18, null=True, verbose_name="baseline"
            ),
        ),
        migrations.AddField(
            model_name="target",
            name="baseline_date",
            field=models.DateField(blank=True, null=True, verbose_name="baseline date"),
        ),
        migrations.AddField(
            model_name="target",
            name="form",
            field=models.CharField(
                choices=[
                    ("exact", "Exact figure"),
                    ("at_least", "At least"),
                    ("at_most", "At most"),
                    ("range", "Range"),
                    ("decrease", "Decrease from the baseline"),
                    ("increase", "Increase from the baseline"),
                ],
                default="at_least",
                max_length=10,
                verbose_name="form",
            ),
        ),
        migrations.AddField(
            model_name="targetvalue",
            name="entered_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="entered at"),
        ),
        migrations.AddField(
            model_name="targetvalue",
            name="entered_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="entered by",
            ),
        ),
        migrations.AddField(
            model_name="targetvalue",
            name="evidence",
            field=models.FileField(
                blank=True,
                max_length=200,
                upload_to=reformtrack.ledger.models._target_evidence_path,
                verbose_name="evidence file",
            ),
        ),
        migrations.AddField(
            model_name="targetvalue",
            name="evidence_name",
            field=models.CharField(blank=True, max_length=255, verbose_name="evidence file name"),
        ),
        migrations.AddField(
            model_name="targetvalue",
            name="evidence_type",
            field=models.CharField(blank=True, max_length=100, verbose_name="evidence content type"),
        ),
        migrations.AddField(
            model_name="targetvalue",
            name="source",
            field=models.CharField(blank=True, max_length=200, verbose_name="source"),
        ),
        migrations.RunPython(_infer_forms, migrations.RunPython.noop),
    ]
