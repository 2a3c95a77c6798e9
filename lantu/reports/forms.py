"""The form asking for a report: kind, plan, year and the unit whose scope it covers."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lantu.reports.models import GeneratedReport


class ReportForm(forms.Form):
    """Choose what to generate; the unit choices are the actor's scope."""

    kind = forms.ChoiceField(label=_("Report"), choices=GeneratedReport.Kind.choices)
    plan = forms.ModelChoiceField(label=_("Plan"), queryset=None, empty_label=None)
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)
    month = forms.TypedChoiceField(
        label=_("Month (bulletin)"),
        choices=[("", "—")] + [(m, m) for m in range(1, 13)],
        coerce=int,
        empty_value=None,
        required=False,
    )
    unit = forms.ModelChoiceField(label=_("Scope"), queryset=None, empty_label=None)

    def __init__(self, *args, plans, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans
        self.fields["unit"].queryset = units
        self.fields["plan"].label_from_instance = lambda plan: plan.label
        self.fields["unit"].label_from_instance = lambda unit: unit.name

    def clean(self):
        data = super().clean()
        plan, year = data.get("plan"), data.get("year")
        if plan is not None and year is not None and not plan.baseline_year <= year <= plan.end_year:
            self.add_error(
                "year",
                _("The year must lie between %(start)s and %(end)s, the years of %(plan)s.")
                % {"start": plan.baseline_year, "end": plan.end_year, "plan": plan.label},
            )
        if data.get("kind") == GeneratedReport.Kind.BULLETIN and not data.get("month"):
            self.add_error("month", _("Choose the month of the bulletin."))
        return data


class IssueForm(forms.Form):
    """Upload the edited Word file of a generated document as issued, with its date and number."""

    upload = forms.FileField(label=_("Edited document (.docx)"))
    issued_on = forms.DateField(label=_("Date of issue"), widget=forms.DateInput(attrs={"type": "date"}))
    number = forms.IntegerField(
        label=_("Number"),
        min_value=1,
        required=False,
        help_text=_("Left empty: the office's next number of the year."),
    )
