"""Forms of the plan pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lantu.plans.models import Alignment, PlanItem


class TreeFilterForm(forms.Form):
    """Narrow a plan's tree to the items one unit leads and whose code or title holds a text."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    lead_unit = forms.ChoiceField(label=_("Lead unit"), required=False)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].choices = [("", _("All lead units"))] + [
            (unit.code, unit.label) for unit in units
        ]
        self.fields["q"].widget.attrs.update({"type": "search", "placeholder": _("Code or words of an item")})


class AlignmentEditForm(forms.Form):
    """Change a link's kind and note."""

    kind = forms.ChoiceField(label=_("Kind of link"), choices=Alignment.Kind.choices)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=500, widget=forms.TextInput(attrs={"size": 30})
    )


class AlignmentForm(forms.Form):
    """Link an item up to an item of a higher plan."""

    target = forms.TypedChoiceField(label=_("Higher-plan item"), coerce=int)
    kind = forms.ChoiceField(
        label=_("Kind of link"), choices=Alignment.Kind.choices, initial=Alignment.Kind.SUPPORTS
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=500, widget=forms.TextInput(attrs={"size": 30})
    )

    def __init__(self, *args, groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Full-width spaces indent an item under its parent inside the plan's group.
        self.fields["target"].choices = [("", _("Choose an item of a higher plan"))] + [
            (plan.label, [(item.pk, f"{'　' * depth}{item.code} {item.title}") for item, depth in items])
            for plan, items in groups
        ]
        self.items = {item.pk: item for _plan, items in groups for item, _depth in items}

    def clean_target(self) -> PlanItem:
        """Return the chosen item itself."""
        return self.items[self.cleaned_data["target"]]
