from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotifyConfig(AppConfig):
    name = "lantu.notify"
    label = "notify"
    verbose_name = _("notifications")

    def ready(self) -> None:
        from lantu.lib import events
        from lantu.notify import receivers

        events.happened.connect(receivers.on_event, dispatch_uid="lantu.notify.on_event")
