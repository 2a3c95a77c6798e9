"""Forms of the factor pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lantu.factors.models import Factor
from lantu.orgs.models import OrgUnit


class RunForm(forms.Form):
    """Run an allocation on the current quotas and demands."""

    name = forms.CharField(label=_("Scenario name"), max_length=120)
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, empty_value=None, required=False)
    gap = forms.DecimalField(
        label=_("Gap (%)"),
        min_value=0,
        max_value=20,
        decimal_places=3,
        initial="0.1",
        help_text=_(
            "The solver stops once the best allocation is proven within this distance of the optimum."
        ),
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, years: list[int] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("all years"))] + [(y, str(y)) for y in years]


class QuotaForm(forms.Form):
    """Set one quota."""

    factor = forms.ModelChoiceField(label=_("Factor"), queryset=Factor.objects.all())
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=OrgUnit.objects.filter(kind__in=[OrgUnit.Kind.COUNTY, OrgUnit.Kind.PARK]),
        required=False,
        empty_label=_("prefecture-wide"),
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
    amount = forms.DecimalField(label=_("Amount"), min_value=0, max_digits=18, decimal_places=4)


class CompareForm(forms.Form):
    """Pick two scenarios to compare."""

    a = forms.IntegerField()
    b = forms.IntegerField()
