"""The orders' problem is now `problems.Problem` (the same table): state only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('problems', '0001_initial'),
        ('supervision', '0001_initial'),
    ]

    state_operations = [
        migrations.AlterField(
            model_name='historicalsupervisionorder',
            name='problem',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='problems.problem', verbose_name='problem'),
        ),
        migrations.AlterField(
            model_name='supervisionorder',
            name='problem',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='supervision_orders', to='problems.problem', verbose_name='problem'),
        ),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=state_operations)]
