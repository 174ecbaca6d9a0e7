"""The status rules get the tolerance of the rule on targets behind their expected path."""

import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("status", "0002_light_cause_import"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalstatusrules",
            name="target_behind_points",
            field=models.PositiveSmallIntegerField(
                default=10,
                validators=[django.core.validators.MaxValueValidator(100)],
                verbose_name="points a target is behind its expected path for yellow (0: never)",
            ),
        ),
        migrations.AddField(
            model_name="statusrules",
            name="target_behind_points",
            field=models.PositiveSmallIntegerField(
                default=10,
                validators=[django.core.validators.MaxValueValidator(100)],
                verbose_name="points a target is behind its expected path for yellow (0: never)",
            ),
        ),
    ]
