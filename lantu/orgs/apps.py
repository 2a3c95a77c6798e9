from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "lantu.orgs"
    label = "orgs"
    verbose_name = _("orgs")

    def ready(self) -> None:
        from lantu.orgs import signals  # noqa: F401  (connects the audit trail's receivers)
