from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class DispatchConfig(AppConfig):
    name = "lantu.dispatch"
    label = "dispatch"
    verbose_name = _("monthly dispatch")

    def ready(self) -> None:
        from lantu.dispatch import kept
        from lantu.dispatch.models import ProgressReport

        # Every save or delete of a report refreshes the kept figures in its own transaction.
        post_save.connect(kept.report_changed, sender=ProgressReport, dispatch_uid="kept_report_saved")
        post_delete.connect(kept.report_changed, sender=ProgressReport, dispatch_uid="kept_report_deleted")
        # An install upgraded from before the kept figures gets them at its first migrate.
        post_migrate.connect(kept.fill_when_missing, sender=self, dispatch_uid="kept_fill_when_missing")
