from django.apps import AppConfig
from django.db.models.signals import pre_save


class LibConfig(AppConfig):
    name = "lantu.lib"
    label = "lantu_lib"

    def ready(self) -> None:
        from lantu.lib.text import refuse_on_save

        pre_save.connect(refuse_on_save, dispatch_uid="lantu.lib.text.refuse_on_save")
