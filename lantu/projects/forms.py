"""Forms of the project pages: the list's filters and the edit form."""

from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.forms.models import fields_for_model, model_to_dict
from django.utils.translation import gettext_lazy as _

from lantu.orgs.models import OrgUnit
from lantu.plans.models import Cluster, Plan, PlanItem
from lantu.projects.models import Project, Stage
from lantu.projects.selectors import ProjectFilter
from lantu.projects.services import EDITABLE_FIELDS


class PlanChoiceField(forms.ModelChoiceField):
    """Choose a plan by its code, shown by its short name."""

    def label_from_instance(self, obj: Plan) -> str:
        return obj.label


class ProjectFilterForm(forms.Form):
    """Narrow the project list; every field is optional and an unknown value is ignored."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    county = forms.ChoiceField(label=_("County or park"), required=False)
    cluster = forms.ModelChoiceField(
        label=_("Cluster"),
        queryset=Cluster.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("All clusters"),
    )
    stage = forms.ChoiceField(label=_("Stage"), required=False)
    plan = PlanChoiceField(
        label=_("Plan"),
        queryset=Plan.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("All plans"),
    )
    item = forms.ModelChoiceField(queryset=PlanItem.objects.all(), required=False, widget=forms.HiddenInput)

    def __init__(self, *args, counties, parks, clusters, stages, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = {unit.code: unit for unit in [*counties, *parks]}
        county_choices = [("", _("All counties"))]
        county_choices.append((_("Counties"), [(unit.code, unit.label) for unit in counties]))
        if parks:
            county_choices.append((_("Parks"), [(unit.code, unit.label) for unit in parks]))
        self.fields["county"].choices = county_choices
        self.fields["cluster"].queryset = clusters
        self.fields["plan"].queryset = plans
        self.fields["stage"].choices = [("", _("All stages")), *stages]
        self.fields["q"].widget.attrs.update(
            {"type": "search", "placeholder": _("Code, national code, name or description")}
        )

    def to_filter(self) -> ProjectFilter:
        """Return the filter of the fields that are valid; invalid ones are dropped."""
        if not self.is_bound:
            return ProjectFilter()
        self.is_valid()
        data = self.cleaned_data
        return ProjectFilter(
            county=self.units.get(data.get("county") or ""),
            cluster=data.get("cluster"),
            stage=data.get("stage") or "",
            plan=data.get("plan"),
            item=data.get("item"),
            q=(data.get("q") or "").strip(),
        )


EDIT_FIELDS = list(EDITABLE_FIELDS)


class ProjectForm(forms.Form):
    """Edit a project's facts; a plain form, so a failed validation leaves the project untouched."""

    def __init__(self, *args, project: Project, **kwargs):
        initial = model_to_dict(project, fields=EDIT_FIELDS)
        if project.total_investment is not None:
            initial["total_investment"] = _plain(project.total_investment)
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.fields.update(fields_for_model(Project, fields=EDIT_FIELDS))
        self.fields["stage"].choices = Stage.choices
        parks = OrgUnit.objects.filter(kind=OrgUnit.Kind.PARK).order_by("order", "code")
        self.fields["park"].queryset = parks
        self.fields["park"].help_text = _("The industrial park the project sits in, if any.")
        self.fields["cluster"].queryset = Cluster.objects.order_by("order", "code")
        self.fields["park"].empty_label = _("no park")
        self.fields["cluster"].empty_label = _("no cluster")
        self.fields["total_investment"].validators.append(MinValueValidator(0))
        self.fields["total_investment"].widget.attrs.update({"min": 0, "step": "0.01"})
        for name in ("start_year", "end_year"):
            self.fields[name].validators += [MinValueValidator(1949), MaxValueValidator(2100)]
            self.fields[name].widget.attrs.update({"min": 1949, "max": 2100})
        self.fields["description"].widget.attrs.update({"rows": 5})

    def clean(self):
        data = super().clean()
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("The end year cannot be before the start year."))
        return data


def _plain(amount: Decimal) -> str:
    """Return an amount without trailing zeros or exponent: 300000.00 → 300000."""
    text = f"{amount:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


class MilestoneForm(forms.Form):
    """A new dated milestone of a project."""

    name = forms.CharField(label=_("Milestone"), max_length=200)
    planned_date = forms.DateField(label=_("Planned date"), widget=forms.DateInput(attrs={"type": "date"}))


class MilestoneEditForm(MilestoneForm):
    """A milestone's new name or date, and why it changes."""

    planned_date = forms.DateField(
        label=_("Planned date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=500,
        help_text=_("Required when the planned date moves or the milestone is removed."),
    )


def _date_field(label, required: bool = False) -> forms.DateField:
    return forms.DateField(
        label=label, required=required, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class ProcedureForm(forms.Form):
    """A procedure's lodging, planned and grant days, 文号, document and notes."""

    started_date = _date_field(_("Lodged on"))
    planned_date = _date_field(_("Planned grant date"))
    done_date = _date_field(_("Granted on"))
    approval_number = forms.CharField(label=_("Approval number (文号)"), required=False, max_length=100)
    document = forms.FileField(label=_("Approval document"), required=False)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=500,
        help_text=_("Required when the planned grant date moves."),
    )
