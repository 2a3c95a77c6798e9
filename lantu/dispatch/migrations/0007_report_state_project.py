from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("dispatch", "0006_kept_groups_done"),
        ("projects", "0011_project_coordinates"),
        ("sources", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="progressreport",
            index=models.Index(fields=["state", "project"], name="report_state_project"),
        ),
    ]
