from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FactorsConfig(AppConfig):
    name = "lantu.factors"
    label = "factors"
    verbose_name = _("factor guarantee")
