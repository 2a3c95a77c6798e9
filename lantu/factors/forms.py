"""Forms of the factor pages."""

from collections.abc import Sequence
from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lantu.core.allocation_score import CODES, CRITERIA
from lantu.factors.models import Factor
from lantu.factors.scoring import CRITERION_LABELS, DEFAULT_WEIGHTS
from lantu.orgs.models import OrgUnit
from lantu.projects.models import Project


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
    time_limit = forms.DecimalField(
        label=_("Time limit (s)"),
        min_value=1,
        max_value=600,
        decimal_places=0,
        initial=30,
        required=False,
        help_text=_("The result says so when the limit ends the search before the gap is met."),
    )
    clock = forms.ChoiceField(
        label=_("Count the time limit as"),
        choices=[("cpu", _("processor time (fair on a busy server)")), ("wall", _("elapsed time"))],
        initial="cpu",
        required=False,
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    score = forms.BooleanField(
        label=_("Score projects by the weights below"),
        required=False,
        initial=True,
        help_text=_("Unticked: each project's value is its size × readiness × cluster weight, as before."),
    )

    keep = forms.BooleanField(
        label=_("Keep the accepted allocation"),
        required=False,
        initial=True,
        help_text=_("Projects funded in the accepted scenario keep their allocation unless unlocked below."),
    )
    unlocked = forms.MultipleChoiceField(
        label=_("Unlock these projects"),
        required=False,
        help_text=_("They compete afresh; the churn weight still counts for keeping them."),
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )
    churn = forms.DecimalField(
        label=_("Churn weight"),
        min_value=0,
        max_value=10,
        decimal_places=2,
        required=False,
        initial=0,
        help_text=_(
            "Extra value, as a share of a project's own, for keeping an unlocked project funded as before."
        ),
    )

    def __init__(self, *args, years: list[int] = (), held: Sequence[tuple[str, str]] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("all years"))] + [(y, str(y)) for y in years]
        cast(forms.MultipleChoiceField, self.fields["unlocked"]).choices = list(held)
        for code, _name, unit, _scale in CRITERIA:
            self.fields[f"w_{code}"] = forms.DecimalField(
                label=_("Weight: %(criterion)s") % {"criterion": CRITERION_LABELS[code]},
                min_value=0,
                max_value=100,
                decimal_places=2,
                required=False,
                initial=DEFAULT_WEIGHTS[code],
                help_text=unit,
                widget=forms.NumberInput(attrs={"step": "0.5", "class": "weight"}),
            )

    def weights(self) -> dict[str, float] | None:
        """Return the weights when scoring is ticked, else None (the default value)."""
        data = self.cleaned_data
        if not data.get("score"):
            return None
        return {code: float(data.get(f"w_{code}") or 0) for code in CODES}

    def clean(self):
        data = super().clean() or {}
        if data.get("score") and not any(data.get(f"w_{code}") for code in CODES):
            raise forms.ValidationError(_("Give at least one criterion a weight above zero."))
        return data


class QuotaForm(forms.Form):
    """Set one quota."""

    factor = forms.ModelChoiceField(label=pgettext_lazy("resource", "Factor"), queryset=Factor.objects.all())
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


class DemandForm(forms.Form):
    """Add or change one demand of a project: a factor, a year and an amount."""

    factor = forms.ModelChoiceField(label=pgettext_lazy("resource", "Factor"), queryset=Factor.objects.all())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    amount = forms.DecimalField(label=_("Amount"), min_value=0, max_digits=18, decimal_places=4)


class ProfileForm(forms.Form):
    """Set a project's value score and allocation flags."""

    use_default = forms.BooleanField(label=_("Use the default score"), required=False)
    value = forms.DecimalField(
        label=_("Value score"), min_value=0, max_digits=10, decimal_places=2, required=False
    )
    must = forms.BooleanField(label=_("Must fund"), required=False)
    divisible = forms.BooleanField(
        label=_("Divisible"), required=False, help_text=_("Can be funded in part, such as funds.")
    )
    requires = forms.ModelMultipleChoiceField(
        label=_("Requires"),
        queryset=Project.objects.order_by("code"),
        required=False,
        help_text=_("This project is funded only if these projects are funded in full."),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    earliest_start = forms.IntegerField(
        label=_("Earliest start"),
        min_value=2000,
        max_value=2100,
        required=False,
        help_text=_("With a latest start, the allocation may defer the project; its demands move with it."),
    )
    latest_start = forms.IntegerField(label=_("Latest start"), min_value=2000, max_value=2100, required=False)

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requires"].queryset = Project.objects.exclude(pk=project.pk).order_by("code")

    def clean(self):
        data = super().clean()
        if not data.get("use_default") and data.get("value") is None and not self.errors:
            self.add_error("value", _("Enter a value score, or tick “use the default score”."))
        return data


class EfficiencyForm(forms.Form):
    """What a project yields, for the scoring model; leave a figure empty when it is not known."""

    tax_per_mu = forms.DecimalField(
        label=_("tax per mu (万元/亩)"), min_value=0, decimal_places=2, required=False
    )
    output_per_mu = forms.DecimalField(
        label=_("output per mu (万元/亩)"), min_value=0, decimal_places=2, required=False
    )
    value_added_per_tce = forms.DecimalField(
        label=_("value added per tonne of standard coal (万元/吨标准煤)"),
        min_value=0,
        decimal_places=4,
        required=False,
    )
    jobs = forms.IntegerField(label=_("new jobs"), min_value=0, required=False)
    annual_tax = forms.DecimalField(
        label=_("annual tax (万元)"), min_value=0, decimal_places=2, required=False
    )
