"""Project page actions on contributions to indicators: add, change and remove (planners)."""

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lantu.indicators.models import Indicator
from lantu.lib.errors import error_text
from lantu.orgs.access import request_actor
from lantu.projects import contributions, contributions_selectors, selectors
from lantu.projects.models import Contribution, Project, Stage

ANCHOR = "#project-contributions"


class ContributionChangeForm(forms.Form):
    """The values of a contribution that a planner may change."""

    amount = forms.DecimalField(
        label=gettext_lazy("Amount added"),
        max_digits=20,
        decimal_places=4,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 10}),
    )
    stage = forms.ChoiceField(
        label=gettext_lazy("Counts from stage"), choices=Stage.choices, initial=Stage.OPERATING
    )
    expected_year = forms.IntegerField(
        label=gettext_lazy("Expected year"),
        min_value=contributions.YEARS[0],
        max_value=contributions.YEARS[1],
        widget=forms.NumberInput(attrs={"style": "width:6em"}),
    )
    note = forms.CharField(label=gettext_lazy("Note"), required=False, max_length=500)


class ContributionForm(ContributionChangeForm):
    """A new contribution: the indicator and its values."""

    indicator = forms.ModelChoiceField(
        label=gettext_lazy("Indicator"), queryset=Indicator.objects.none(), empty_label=None
    )
    field_order = ["indicator", "amount", "stage", "expected_year", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["indicator"]
        field.queryset = Indicator.objects.select_related("plan").order_by(
            "plan__order", "plan__code", "order", "code"
        )
        field.label_from_instance = lambda i: f"{i.name}（{i.unit}）· {i.plan.label}"


def _errors(form: forms.Form) -> str:
    return " ".join(
        f"{form.fields[name].label}: {e}" if name in form.fields else str(e)
        for name, errors in form.errors.items()
        for e in errors
    )


def _back(project: Project, *, failed: bool = False):
    # After an error the page opens at its top, where the message shows.
    return redirect(f"{reverse('projects:detail', args=[project.pk])}{'' if failed else ANCHOR}")


@login_required
@require_POST
def contribution_new(request, pk: int):
    """Declare what the project adds to an indicator."""
    actor = request_actor(request)
    project = selectors.project_get(actor=actor, pk=pk)
    form = ContributionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form))
        return _back(project, failed=True)
    try:
        contributions.contribution_add(actor=actor, project=project, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return _back(project, failed=True)
    messages.success(request, _("The contribution has been added."))
    return _back(project)


def _contribution(actor, pk: int) -> Contribution:
    contribution = get_object_or_404(Contribution.objects.select_related("indicator"), pk=pk)
    contribution.project = selectors.project_get(actor=actor, pk=contribution.project_id)
    return contribution


@login_required
@require_POST
def contribution_edit(request, pk: int):
    """Change a contribution's amount, stage, expected year or note."""
    actor = request_actor(request)
    contribution = _contribution(actor, pk)
    form = _change_form(contribution, request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form))
        return _back(contribution.project, failed=True)
    try:
        contributions.contribution_update(actor=actor, contribution=contribution, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return _back(contribution.project, failed=True)
    messages.success(request, _("The contribution has been saved."))
    return _back(contribution.project)


@login_required
@require_POST
def contribution_delete(request, pk: int):
    """Remove a contribution."""
    actor = request_actor(request)
    contribution = _contribution(actor, pk)
    project = contribution.project
    contributions.contribution_remove(actor=actor, contribution=contribution)
    messages.success(request, _("The contribution has been removed."))
    return _back(project)


def project_section(actor, project: Project) -> dict:
    """Return the project page's context for its contributions section."""
    now = timezone.now()
    rows = contributions_selectors.project_contributions(actor=actor, project=project, now=now)
    can_edit = contributions_selectors.contribution_can_edit(actor=actor, project=project)
    forms_by_row = [_change_form(row.contribution) if can_edit else None for row in rows]
    context = {
        "contribution_rows": list(zip(rows, forms_by_row, strict=True)),
        "can_edit_contributions": can_edit,
    }
    if actor.is_planner or actor.is_admin:
        context["contribution_changes"] = contributions_selectors.project_contribution_changes(
            actor=actor, project=project
        )
    if can_edit:
        context["contribution_form"] = ContributionForm(
            initial={"expected_year": project.end_year or now.year}
        )
    return context


def _change_form(c: Contribution, data=None) -> ContributionChangeForm:
    # 100.0000 reads as 100 in the form.
    amount = Decimal(format(c.amount.normalize(), "f"))
    initial = {"amount": amount, "stage": c.stage, "expected_year": c.expected_year, "note": c.note}
    return ContributionChangeForm(data, initial=initial, prefix=f"c{c.pk}")
