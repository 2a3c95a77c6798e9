"""The dispatch's and the problems' models left for their apps (state only; the tables stay), and their
content types follow them so that permissions and admin log entries stay attached."""

import django.db.models.deletion
from django.db import migrations, models


MOVED = {
    "dispatch": [
        "progressreport",
        "historicalprogressreport",
        "reportingperiod",
        "historicalreportingperiod",
        "taskreport",
        "historicaltaskreport",
        "attachment",
        "historicalattachment",
    ],
    "problems": ["problem", "historicalproblem"],
}


def _relabel(apps, old_of, new_of):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for app_label, models in MOVED.items():
        for model in models:
            old, new = old_of(app_label), new_of(app_label)
            if not ContentType.objects.filter(app_label=new, model=model).exists():
                ContentType.objects.filter(app_label=old, model=model).update(app_label=new)


def content_types_forward(apps, schema_editor):
    _relabel(apps, lambda app_label: "projects", lambda app_label: app_label)


def content_types_backward(apps, schema_editor):
    _relabel(apps, lambda app_label: app_label, lambda app_label: "projects")


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('dispatch', '0001_initial'),
        ('projects', '0007_task_report_revision'),
        ('supervision', '0002_problem_moved_to_problems'),
    ]

    state_operations = [
        migrations.RemoveField(
            model_name='historicalattachment',
            name='history_user',
        ),
        migrations.RemoveField(
            model_name='historicalattachment',
            name='progress_report',
        ),
        migrations.RemoveField(
            model_name='historicalattachment',
            name='report',
        ),
        migrations.RemoveField(
            model_name='historicalattachment',
            name='uploaded_by',
        ),
        migrations.RemoveField(
            model_name='historicalproblem',
            name='history_user',
        ),
        migrations.RemoveField(
            model_name='historicalproblem',
            name='project',
        ),
        migrations.RemoveField(
            model_name='historicalproblem',
            name='raised_by',
        ),
        migrations.RemoveField(
            model_name='historicalproblem',
            name='report',
        ),
        migrations.RemoveField(
            model_name='historicalproblem',
            name='unit',
        ),
        migrations.RemoveField(
            model_name='historicalprogressreport',
            name='entered_by',
        ),
        migrations.RemoveField(
            model_name='historicalprogressreport',
            name='history_user',
        ),
        migrations.RemoveField(
            model_name='historicalprogressreport',
            name='project',
        ),
        migrations.RemoveField(
            model_name='historicalprogressreport',
            name='reviewed_by',
        ),
        migrations.RemoveField(
            model_name='historicalprogressreport',
            name='source',
        ),
        migrations.RemoveField(
            model_name='historicalreportingperiod',
            name='history_user',
        ),
        migrations.RemoveField(
            model_name='historicalreportingperiod',
            name='plan',
        ),
        migrations.RemoveField(
            model_name='historicaltaskreport',
            name='entered_by',
        ),
        migrations.RemoveField(
            model_name='historicaltaskreport',
            name='history_user',
        ),
        migrations.RemoveField(
            model_name='historicaltaskreport',
            name='item',
        ),
        migrations.RemoveField(
            model_name='historicaltaskreport',
            name='reviewed_by',
        ),
        migrations.RemoveField(
            model_name='problem',
            name='project',
        ),
        migrations.RemoveField(
            model_name='problem',
            name='raised_by',
        ),
        migrations.RemoveField(
            model_name='problem',
            name='report',
        ),
        migrations.RemoveField(
            model_name='problem',
            name='unit',
        ),
        migrations.RemoveField(
            model_name='progressreport',
            name='entered_by',
        ),
        migrations.RemoveField(
            model_name='progressreport',
            name='project',
        ),
        migrations.RemoveField(
            model_name='progressreport',
            name='reached_milestones',
        ),
        migrations.RemoveField(
            model_name='progressreport',
            name='reviewed_by',
        ),
        migrations.RemoveField(
            model_name='progressreport',
            name='source',
        ),
        migrations.AlterField(
            model_name='historicalprojectmilestone',
            name='reached_report',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='dispatch.progressreport', verbose_name='reached per report'),
        ),
        migrations.AlterField(
            model_name='projectmilestone',
            name='reached_report',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='dispatch.progressreport', verbose_name='reached per report'),
        ),
        migrations.RemoveField(
            model_name='reportingperiod',
            name='plan',
        ),
        migrations.RemoveField(
            model_name='taskreport',
            name='entered_by',
        ),
        migrations.RemoveField(
            model_name='taskreport',
            name='item',
        ),
        migrations.RemoveField(
            model_name='taskreport',
            name='reviewed_by',
        ),
        migrations.DeleteModel(
            name='Attachment',
        ),
        migrations.DeleteModel(
            name='HistoricalAttachment',
        ),
        migrations.DeleteModel(
            name='HistoricalProblem',
        ),
        migrations.DeleteModel(
            name='HistoricalProgressReport',
        ),
        migrations.DeleteModel(
            name='HistoricalReportingPeriod',
        ),
        migrations.DeleteModel(
            name='HistoricalTaskReport',
        ),
        migrations.DeleteModel(
            name='Problem',
        ),
        migrations.DeleteModel(
            name='ProgressReport',
        ),
        migrations.DeleteModel(
            name='ReportingPeriod',
        ),
        migrations.DeleteModel(
            name='TaskReport',
        ),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=state_operations),
        migrations.RunPython(content_types_forward, content_types_backward),
    ]
