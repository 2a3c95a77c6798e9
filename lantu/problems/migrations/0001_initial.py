"""Problem moved from `projects` without moving data: state only, on the table it had there."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('dispatch', '0001_initial'),
        ('orgs', '0001_initial'),
        ('projects', '0007_task_report_revision'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    state_operations = [
        migrations.CreateModel(
            name='HistoricalProblem',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('title', models.CharField(max_length=200, verbose_name='problem')),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('factor', models.CharField(choices=[('land', 'land'), ('capital', 'capital'), ('energy', 'energy'), ('water', 'water'), ('approval', 'approval'), ('other', 'other')], max_length=10, verbose_name='factor')),
                ('urgency', models.CharField(choices=[('high', 'urgent'), ('medium', 'normal'), ('low', 'low')], default='medium', max_length=10, verbose_name='urgency')),
                ('due_date', models.DateField(verbose_name='due date')),
                ('state', models.CharField(choices=[('open', 'open'), ('in_progress', 'in progress'), ('solved', 'solved'), ('escalated', 'escalated')], default='open', max_length=12, verbose_name='state')),
                ('raised_at', models.DateTimeField(verbose_name='raised at')),
                ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='closed at')),
                ('resolution', models.TextField(blank=True, verbose_name='resolution')),
                ('is_sample', models.BooleanField(default=False, verbose_name='sample data')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('project', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='projects.project', verbose_name='project')),
                ('raised_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='raised by')),
                ('report', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='dispatch.progressreport', verbose_name='raised in report')),
                ('unit', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='orgs.orgunit', verbose_name='unit asked to solve')),
            ],
            options={
                'verbose_name': 'historical problem',
                'verbose_name_plural': 'historical problems',
                'db_table': 'projects_historicalproblem',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Problem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200, verbose_name='problem')),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('factor', models.CharField(choices=[('land', 'land'), ('capital', 'capital'), ('energy', 'energy'), ('water', 'water'), ('approval', 'approval'), ('other', 'other')], max_length=10, verbose_name='factor')),
                ('urgency', models.CharField(choices=[('high', 'urgent'), ('medium', 'normal'), ('low', 'low')], default='medium', max_length=10, verbose_name='urgency')),
                ('due_date', models.DateField(verbose_name='due date')),
                ('state', models.CharField(choices=[('open', 'open'), ('in_progress', 'in progress'), ('solved', 'solved'), ('escalated', 'escalated')], default='open', max_length=12, verbose_name='state')),
                ('raised_at', models.DateTimeField(verbose_name='raised at')),
                ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='closed at')),
                ('resolution', models.TextField(blank=True, verbose_name='resolution')),
                ('is_sample', models.BooleanField(default=False, verbose_name='sample data')),
                ('project', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='problems', to='projects.project', verbose_name='project')),
                ('raised_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='raised by')),
                ('report', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='problems', to='dispatch.progressreport', verbose_name='raised in report')),
                ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='problems', to='orgs.orgunit', verbose_name='unit asked to solve')),
            ],
            options={
                'verbose_name': 'problem',
                'verbose_name_plural': 'problems',
                'db_table': 'projects_problem',
                'ordering': ['-raised_at'],
                'indexes': [models.Index(fields=['state', 'factor'], name='projects_pr_state_72f549_idx'), models.Index(fields=['unit', 'state'], name='projects_pr_unit_id_4d1c37_idx')],
            },
        ),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=state_operations)]
