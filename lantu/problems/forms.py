"""Forms of the problems ledger: raising a problem and moving it along its lifecycle."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lantu.orgs.models import OrgUnit
from lantu.problems.models import Problem


class ProblemForm(forms.Form):
    """A new problem raised on a project."""

    title = forms.CharField(label=_("Problem"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    factor = forms.ChoiceField(label=_("Factor"), choices=Problem.Factor.choices)
    urgency = forms.ChoiceField(
        label=_("Urgency"), choices=Problem.Urgency.choices, initial=Problem.Urgency.MEDIUM
    )
    unit = forms.ModelChoiceField(
        label=_("Unit asked to solve"), queryset=OrgUnit.objects.order_by("order", "code")
    )
    due_date = forms.DateField(label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}))


class ProblemMoveForm(forms.Form):
    """Move a problem to another state."""

    state = forms.ChoiceField(choices=Problem.State.choices)
    resolution = forms.CharField(
        label=_("How it was solved"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
