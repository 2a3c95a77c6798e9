from django.apps import AppConfig


class LibConfig(AppConfig):
    name = "lantu.lib"
    label = "lantu_lib"
