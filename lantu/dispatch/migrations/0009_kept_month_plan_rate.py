from django.db import migrations, models


def rebuild_at_the_end(apps, schema_editor):
    """Empty the kept months: `kept.fill_when_missing` (post_migrate) rebuilds them with the plan and rate."""
    apps.get_model("dispatch", "ProjectMonth").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("dispatch", "0008_kept_investment_sums"),
    ]

    operations = [
        migrations.AddField(
            model_name="projectmonth",
            name="planned",
            field=models.DecimalField(
                blank=True,
                decimal_places=2,
                max_digits=16,
                null=True,
                verbose_name="planned investment of the year (万元)",
            ),
        ),
        migrations.AddField(
            model_name="projectmonth",
            name="rate",
            field=models.DecimalField(
                blank=True, decimal_places=6, max_digits=20, null=True, verbose_name="completed over planned"
            ),
        ),
        migrations.AddIndex(
            model_name="projectmonth",
            index=models.Index(fields=["period", "rate"], name="kept_month_rate"),
        ),
        migrations.RunPython(rebuild_at_the_end, rebuild_at_the_end),
    ]
