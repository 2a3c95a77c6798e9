from django.db import migrations, models


def recount_at_the_end(apps, schema_editor):
    """Empty the kept group rows: `kept.fill_when_missing` (post_migrate) recounts them with `done`."""
    apps.get_model("dispatch", "GroupMonth").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("dispatch", "0005_kept_group_months"),
    ]

    operations = [
        migrations.AddField(
            model_name="groupmonth",
            name="done",
            field=models.PositiveIntegerField(default=0, verbose_name="reports submitted or approved"),
        ),
        migrations.RunPython(recount_at_the_end, recount_at_the_end),
    ]
