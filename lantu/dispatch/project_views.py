"""The project pages composed over the dispatch: the list with the year's figures, and one project."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_htmx.http import push_url

from lantu.dispatch import figures, project_selectors
from lantu.dispatch import selectors as dispatch_selectors
from lantu.lib.history import changes_of
from lantu.lib.listing import ListColumn, build_listing, export_listing
from lantu.orgs.access import request_actor
from lantu.projects import contributions_views, library, milestones, procedure_selectors, selectors
from lantu.projects.forms import MilestoneForm, ProjectFilterForm

PAGE_SIZE = 50
WAN = gettext_lazy("10k yuan")


def _label(unit) -> str:
    return unit.label if unit is not None else ""


def project_columns(period: str) -> tuple[ListColumn, ...]:
    """Return the project list's columns; the year's figures are those of month `period` (`with_ytd`)."""
    return (
        ListColumn("code", _("Code"), order=("code",), value=lambda p: p.code, css="nowrap"),
        ListColumn("name", _("Project"), order=("name",), value=lambda p: p.name, width=40),
        ListColumn(
            "county", _("County"), order=("county__order", "county__code"), value=lambda p: _label(p.county)
        ),
        ListColumn("park", _("Park"), order=("park__order", "park__code"), value=lambda p: _label(p.park)),
        ListColumn(
            "cluster",
            _("Cluster"),
            order=("cluster__order", "cluster__code"),
            value=lambda p: p.cluster.name if p.cluster else "",
        ),
        ListColumn("stage", _("Stage"), order=("stage",), value=lambda p: p.get_stage_display()),
        ListColumn(
            "investment",
            _("Total investment"),
            order=("total_investment",),
            value=lambda p: p.total_investment,
            kind="decimal",
            css="num",
            unit=WAN,
        ),
        ListColumn(
            "planned",
            _("Annual plan %(year)s") % {"year": period[:4]},
            order=("ytd_planned",),
            value=lambda p: p.ytd_planned,
            kind="decimal",
            css="num",
            unit=WAN,
        ),
        ListColumn(
            "completed",
            _("Completed to %(period)s") % {"period": period},
            order=("ytd_completed",),
            value=lambda p: p.ytd_completed,
            kind="decimal",
            css="num",
            unit=WAN,
        ),
        ListColumn(
            "rate",
            _("Completion rate"),
            order=("ytd_rate",),
            value=lambda p: figures.ytd_completion(p.ytd_planned, p.ytd_completed, period).rate,
            kind="decimal",
            css="num",
            unit="%",
        ),
        ListColumn(
            "lead",
            _("Lead unit"),
            order=("lead_unit__order", "lead_unit__code"),
            value=lambda p: _label(p.lead_unit),
        ),
    )


@login_required
def project_list(request):
    """List the projects, filtered, searched, sorted and paged, with the year's plan and completion.

    htmx gets the results only; `?export=xlsx` downloads what is filtered.
    """
    actor = request_actor(request)
    form = ProjectFilterForm(request.GET or None, **selectors.filter_choices(actor=actor))
    filters = form.to_filter()
    period = dispatch_selectors.latest_period(timezone.localdate())
    projects = selectors.project_list(actor=actor, filters=filters)
    # The page's units, clusters and plans in their own small queries: joined to the projects, their
    # annual plans and kept months, PostgreSQL spent longer choosing a join order than running the query.
    shown = projects.select_related(None).prefetch_related("county", "park", "lead_unit", "cluster", "plan")
    totals = figures.listed_totals(actor, filters, projects)
    listing = build_listing(
        request,
        figures.with_ytd(shown, period),
        project_columns(period),
        default_sort="code",
        page_size=PAGE_SIZE,
        count=totals.count,
    )
    if listing.exporting:
        return export_listing(request, listing, title=_("Major projects"), filename=_("Major projects"))
    for project in listing.page.object_list:
        project.ytd = figures.ytd_completion(project.ytd_planned, project.ytd_completed, period)
    context = {
        "form": form,
        "filters": filters,
        "listing": listing,
        "page": listing.page,
        "period": period,
        "totals": totals,
        "query": listing.query,
        "can_import_library": library.import_denial(actor) is None,
    }
    partial = request.htmx and not request.htmx.history_restore_request
    template = "projects/_results.html" if partial else "projects/list.html"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    if partial:
        query = listing.query
        if listing.page.number > 1:
            query = f"{query}&page={listing.page.number}".lstrip("&")
        push_url(response, f"{request.path}?{query}" if query else request.path)
    return response


@login_required
def project_detail(request, pk: int):
    """Show a project with its annual plans, progress reports, plan items and history."""
    actor = request_actor(request)
    project = selectors.project_get(actor=actor, pk=pk)
    reports = project_selectors.project_reports(actor=actor, project=project)
    today = timezone.localdate()
    context = {
        "project": project,
        "reports": reports,
        "annual_rows": project_selectors.project_annual_rows(actor=actor, project=project),
        "can_edit": selectors.project_can_edit(actor=actor, project=project),
        "changes": changes_of(project),
        "milestones": list(project.dated_milestones.select_related("reached_report")),
        "schedule_lag": milestones.schedule_lags([project.pk], today).get(project.pk),
        "procedures": procedure_selectors.project_procedures(actor=actor, project=project, on=today),
        "can_order": actor.is_planner or actor.is_admin,
        "milestone_form": MilestoneForm(),
        **contributions_views.project_section(actor, project),
    }
    return render(request, "projects/detail.html", context)
