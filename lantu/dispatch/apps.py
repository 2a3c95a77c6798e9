from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save, pre_save
from django.utils.translation import gettext_lazy as _


class DispatchConfig(AppConfig):
    name = "lantu.dispatch"
    label = "dispatch"
    verbose_name = _("monthly dispatch")

    def ready(self) -> None:
        from lantu.dispatch import kept
        from lantu.dispatch.models import ProgressReport, ReportingPeriod
        from lantu.projects.models import AnnualPlan, Project

        # Every save or delete of a report refreshes the kept figures in its own transaction.
        pre_save.connect(kept.report_saving, sender=ProgressReport, dispatch_uid="kept_report_saving")
        post_save.connect(kept.report_changed, sender=ProgressReport, dispatch_uid="kept_report_saved")
        post_delete.connect(kept.report_changed, sender=ProgressReport, dispatch_uid="kept_report_deleted")
        # The kept timeliness of groups follows their projects and the periods' deadlines.
        pre_save.connect(kept.project_saving, sender=Project, dispatch_uid="kept_project_saving")
        post_save.connect(kept.project_changed, sender=Project, dispatch_uid="kept_project_saved")
        post_delete.connect(kept.project_deleted, sender=Project, dispatch_uid="kept_project_deleted")
        post_save.connect(kept.period_changed, sender=ReportingPeriod, dispatch_uid="kept_period_saved")
        post_delete.connect(kept.period_changed, sender=ReportingPeriod, dispatch_uid="kept_period_deleted")
        # The kept investment sums follow the annual plans (and the projects, above).
        pre_save.connect(kept.annual_plan_saving, sender=AnnualPlan, dispatch_uid="kept_annual_saving")
        post_save.connect(kept.annual_plan_changed, sender=AnnualPlan, dispatch_uid="kept_annual_saved")
        post_delete.connect(kept.annual_plan_changed, sender=AnnualPlan, dispatch_uid="kept_annual_deleted")
        # An install upgraded from before the kept figures gets them at its first migrate.
        post_migrate.connect(kept.fill_when_missing, sender=self, dispatch_uid="kept_fill_when_missing")
