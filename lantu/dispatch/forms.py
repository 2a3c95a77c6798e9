"""Forms of the dispatch pages: a report, a review decision, a period, a task report, an upload."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lantu.lib.uploads import EVIDENCE_MAX_BYTES
from lantu.plans.models import Plan
from lantu.projects.models import MONEY, ProjectMilestone, Stage


class MultipleFileInput(forms.ClearableFileInput):
    """A file input that takes several files at once (a phone's gallery or camera)."""

    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several optional files; cleans to a list."""

    def __init__(self, *args, accept: str, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": accept, "multiple": True}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(file, initial) for file in files if file]


class ReportForm(forms.Form):
    """A project's monthly figures; `version` carries the version the editor opened."""

    completed_investment = forms.DecimalField(
        label=_("Completed this month (10k yuan)"), min_value=0, **MONEY
    )
    cumulative_investment = forms.DecimalField(
        label=_("Completed this year to date (10k yuan)"),
        min_value=0,
        required=False,
        help_text=_("Left empty: last month's year to date plus this month."),
        **MONEY,
    )
    physical_progress = forms.DecimalField(
        label=_("Physical progress (%)"),
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=1,
        required=False,
    )
    reported_stage = forms.ChoiceField(label=_("Stage reached"), required=False)
    reached_milestones = forms.ModelMultipleChoiceField(
        label=_("Dated milestones reached this month"),
        queryset=ProjectMilestone.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    milestones = forms.CharField(
        label=_("Other milestones reached"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    narrative = forms.CharField(
        label=_("Narrative"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    correction_reason = forms.CharField(
        label=_("Reason for correcting the year to date"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when the year to date does not add up or goes backwards."),
    )
    photos = MultipleFileField(
        label=_("Site photos"),
        accept="image/*",
        help_text=format_lazy(
            _(
                "Several at once, from the camera or the gallery, at most {size} MB each; when and where "
                "each was taken is read from the photo."
            ),
            size=EVIDENCE_MAX_BYTES // 2**20,
        ),
    )
    documents = MultipleFileField(
        label=_("Other evidence files"),
        accept=".pdf,.ofd,.docx,.xlsx,.jpg,.jpeg,.png",
        help_text=format_lazy(
            _("PDF, OFD, DOCX or XLSX, at most {size} MB each."), size=EVIDENCE_MAX_BYTES // 2**20
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, claimable=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reported_stage"].choices = [("", _("unchanged")), *Stage.choices]
        field = self.fields["reached_milestones"]
        if claimable:
            field.queryset = ProjectMilestone.objects.filter(pk__in=[m.pk for m in claimable])
            field.label_from_instance = lambda m: f"{m.name}（{m.planned_date:%Y-%m-%d}）"
        else:
            del self.fields["reached_milestones"]


class ReturnForm(forms.Form):
    """Why a report goes back to its unit."""

    reason = forms.CharField(label=_("Reason for return"), widget=forms.Textarea(attrs={"rows": 3}))


class PeriodForm(forms.Form):
    """Open a month of a plan for reporting."""

    plan = forms.ModelChoiceField(label=_("Plan"), queryset=Plan.objects.order_by("order", "code"))
    period = forms.RegexField(label=_("Month"), regex=r"^\d{4}-(0[1-9]|1[0-2])$", max_length=7)
    deadline = forms.DateField(
        label=pgettext_lazy("reporting period", "Deadline"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Empty: the 5th of the next month."),
    )


class TaskReportForm(forms.Form):
    """A key task's monthly progress, with an optional evidence file."""

    progress = forms.DecimalField(
        label=_("Progress (%)"), min_value=0, max_value=100, max_digits=5, decimal_places=1
    )
    narrative = forms.CharField(
        label=_("Narrative"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    evidence = forms.FileField(label=_("Evidence file"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class UploadForm(forms.Form):
    """A filled reporting template."""

    file = forms.FileField(label=_("Filled template (.xlsx)"))
