"""Forms of the plan pages."""

from django import forms
from django.utils.translation import gettext_lazy as _


class TreeFilterForm(forms.Form):
    """Narrow a plan's tree to the items one unit leads."""

    lead_unit = forms.ChoiceField(label=_("Lead unit"), required=False)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].choices = [("", _("All lead units"))] + [
            (unit.code, unit.label) for unit in units
        ]
