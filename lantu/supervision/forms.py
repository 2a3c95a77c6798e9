"""Forms of the supervision pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lantu.orgs.access import Actor
from lantu.orgs.models import OrgUnit

_DATE = forms.DateInput(attrs={"type": "date"})


class IssueForm(forms.Form):
    """A new supervision order on a subject given in the address."""

    title = forms.CharField(label=_("Title"), max_length=200)
    unit = forms.ModelChoiceField(
        label=_("Unit ordered to act"), queryset=OrgUnit.objects.order_by("order", "code")
    )
    requirement = forms.CharField(
        label=_("Required response"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the unit must do, and what it must report back with which evidence."),
    )
    deadline = forms.DateField(label=_("Deadline"), widget=_DATE)

    def __init__(self, *args, actor: Actor, **kwargs):
        super().__init__(*args, **kwargs)
        if not actor.is_admin:  # only the units the office may order
            self.fields["unit"].queryset = OrgUnit.objects.filter(pk__in=actor.scope).order_by(
                "order", "code"
            )


class RespondForm(forms.Form):
    """The unit's answer with an optional evidence file."""

    text = forms.CharField(label=_("What has been done"), widget=forms.Textarea(attrs={"rows": 4}))
    evidence = forms.FileField(label=_("Evidence file"), required=False)


class ReviewForm(forms.Form):
    """The office's decision on an answer: close it (销号) or send it back."""

    text = forms.CharField(
        label=_("Comment or reason for sending back"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    deadline = forms.DateField(label=_("New deadline (when sending back)"), required=False, widget=_DATE)
