"""Forms of the import pages."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lantu.imports.reading import EXTENSIONS, MAX_BYTES
from lantu.orgs.models import OrgUnit
from lantu.plans.models import Plan


def unit_field(label, **kwargs) -> forms.ModelChoiceField:
    """Return an optional choice of org unit, posted by its code."""
    return forms.ModelChoiceField(
        label=label,
        queryset=OrgUnit.objects.order_by("kind", "code"),
        to_field_name="code",
        required=False,
        **kwargs,
    )


class UploadForm(forms.Form):
    """Choose a document to read."""

    file = forms.FileField(
        label=_("Document (.txt, .docx or .pdf, at most 20 MB)"),
        error_messages={"empty": _("The file is empty."), "required": _("Choose a document to upload.")},
    )
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    issuer = unit_field(
        pgettext_lazy("document", "Issued by"),
        empty_label=_("(not given)"),
        help_text=_("A county's plan: the departments it names (县发展和改革委员会) are that county's."),
    )

    bulletin_plan = forms.ModelChoiceField(
        label=_("Statistical bulletin of the indicators of"),
        queryset=Plan.objects.order_by("order", "code"),
        to_field_name="code",
        required=False,
        empty_label=_("(not a bulletin: a plan document)"),
        help_text=_(
            "A 统计公报 or 统计月报: Lantu proposes values of this plan's indicators, "
            "matched by name and unit."
        ),
    )

    def clean_file(self):
        f = self.cleaned_data["file"]
        if not f.name.lower().endswith(EXTENSIONS):
            raise forms.ValidationError(_("Only .txt, .docx and .pdf documents can be imported."))
        if f.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 20 MB. Split the document or remove images and upload again.")
            )
        if f.size == 0:
            raise forms.ValidationError(_("The file is empty."))
        return f


class FindingForm(forms.Form):
    """Correct one finding."""

    title = forms.CharField(label=_("Title"), max_length=300)
    value = forms.DecimalField(label=_("Value"), required=False, max_digits=20, decimal_places=6)
    unit = forms.CharField(label=_("Unit"), max_length=30, required=False)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1949, max_value=2100)
    investment = forms.DecimalField(label=_("Investment"), required=False, max_digits=20, decimal_places=4)
    lead_unit = unit_field(_("Lead unit"), empty_label=_("(the plan's owner)"))


class AddFindingForm(FindingForm):
    """Add a finding from a passage selected in the original text."""

    kind = forms.ChoiceField(
        label=_("What is it?"),
        choices=[
            ("quantity", _("an indicator value")),
            ("list", _("a list member")),
            ("measure", _("a measure under the item before it")),
            ("project", _("a project")),
        ],
    )
    start = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    end = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    selected = forms.CharField(max_length=5000, widget=forms.HiddenInput, strip=False)


NEW_PLAN = "__new__"


class AcceptForm(forms.Form):
    """Pick where the accepted findings go: an existing plan, or a new one the document founds."""

    plan = forms.ChoiceField(label=_("Plan"))
    parent = forms.ChoiceField(label=_("Parent item"), required=False)
    new_name = forms.CharField(label=_("New plan's name"), max_length=200, required=False)
    new_kind = forms.ChoiceField(
        label=_("Kind"), choices=Plan.Kind.choices, initial=Plan.Kind.LOCAL, required=False
    )
    new_start_year = forms.IntegerField(
        label=pgettext_lazy("plan", "Start year"), required=False, min_value=1949, max_value=2100
    )
    new_end_year = forms.IntegerField(
        label=pgettext_lazy("plan", "End year"), required=False, min_value=1949, max_value=2100
    )
    new_owner = unit_field(_("Owner unit"))

    def __init__(self, *args, plans=(), items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].choices = [(p.code, f"{p.name}") for p in plans] + [
            (NEW_PLAN, _("A new plan (fill in below)"))
        ]
        self.fields["parent"].choices = [("", _("(top level of the plan)"))] + [
            (str(i.pk), f"{i.plan.short_name or i.plan.code} · {i.code} {i.title[:40]}") for i in items
        ]

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("plan") != NEW_PLAN:
            return data
        required = {
            "new_name": _("Give the new plan a name."),
            "new_kind": _("Choose the kind of the new plan."),
            "new_start_year": _("Give the new plan's start year."),
            "new_end_year": _("Give the new plan's end year."),
            "new_owner": _("Choose the unit that owns the new plan."),
        }
        for field, message in required.items():
            if not data.get(field):
                self.add_error(field, message)
        start, end = data.get("new_start_year"), data.get("new_end_year")
        if start and end and end < start:
            self.add_error("new_end_year", _("The new plan's end year must not be before its start year."))
        return data
