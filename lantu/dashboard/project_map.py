"""The project map (项目一张图): projects as points on the counties, coloured by stage or status."""

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lantu.core import geo
from lantu.core.status import Status
from lantu.dispatch import figures as dispatch_figures
from lantu.dispatch import selectors as dispatch_selectors
from lantu.lib import charts
from lantu.orgs.access import Actor, request_actor
from lantu.projects import selectors as project_selectors
from lantu.projects.forms import ProjectFilterForm
from lantu.projects.models import Project, Stage

COLOURINGS = ("stage", "status")
MAP_NAME = "lantu-counties"
# Stages from idea to operation, light to dark enough to tell apart on a pale map.
STAGE_COLORS = {
    Stage.RESERVE: "#98a2ad",
    Stage.PREPARATION: "#7b61a8",
    Stage.NEW: "#d98a00",
    Stage.CONTINUING: "#2f6db5",
    Stage.COMPLETED: "#2e8540",
    Stage.OPERATING: "#1c3d63",
}


@dataclass(frozen=True)
class MapPoint:
    """A project placed on the map, with its investment status of the month (None: no annual plan)."""

    project: Project
    point: geo.Point
    status: Status | None


@dataclass(frozen=True)
class ProjectMap:
    """What the map page shows: the points, the projects without a location, the month of the status."""

    points: list[MapPoint]
    unplaced: list[Project]
    period: str | None


def project_map(actor: Actor, *, filters: project_selectors.ProjectFilter, now: datetime) -> ProjectMap:
    """Return the filtered projects with their location and investment status of the latest due month.

    The status is the project's completion against time of `dispatch.figures.investment_ytd`, the same
    figure as the dispatch pages' 红黑榜.
    """
    projects = list(project_selectors.project_list(actor=actor, filters=filters))
    period = dispatch_selectors.latest_due_period(timezone.localdate(now))
    status: dict[int, Status] = {}
    if period is not None:
        ytd = dispatch_figures.investment_ytd(period=period, with_projects=True)
        status = {row.project_id: row.completion.status for row in ytd.projects}
    points, unplaced = [], []
    for project in projects:
        found = geo.point(project.latitude, project.longitude)
        if found is None:
            unplaced.append(project)
        else:
            points.append(MapPoint(project, found, status.get(project.pk)))
    return ProjectMap(points, unplaced, period)


def boundaries_url() -> str:
    """Return where the page fetches the county boundaries: the office's own file, else the bundled one."""
    if settings.LANTU_MAP_GEOJSON:
        return reverse("projects:map_boundaries")
    return static("lantu/maps/changji.geojson")


def map_chart(found: ProjectMap, *, colour: str) -> dict:
    """Return the ECharts option: the counties as a geo map, one scatter series per stage or status."""
    groups: dict[str, list[MapPoint]] = {}
    for point in found.points:
        key = point.project.stage if colour == "stage" else str(point.status or Status.NO_DATA)
        groups.setdefault(key, []).append(point)
    if colour == "stage":
        order = [(str(stage.value), str(stage.label), STAGE_COLORS[stage]) for stage in Stage]
    else:
        order = [(key, str(label), charts.STATUS_COLORS[key]) for key, label in charts.STATUS_LABELS.items()]
    series = [
        {
            "type": "scatter",
            "coordinateSystem": "geo",
            "name": label,
            "symbolSize": 11,
            "itemStyle": {"color": color, "borderColor": "#ffffff", "borderWidth": 1},
            "emphasis": {"scale": 1.6},
            "data": [
                {
                    "name": f"{p.project.code} {p.project.name}",
                    "value": [float(p.point.longitude), float(p.point.latitude)],
                    "key": p.project.pk,
                }
                for p in groups[key]
            ],
        }
        for key, label, color in order
        if key in groups
    ]
    return {
        "map": {"name": MAP_NAME, "url": boundaries_url()},
        "link": reverse("projects:detail", args=[0]).replace("/0/", "/{key}/"),
        "tooltip": {"trigger": "item", "formatter": "fn:place"},
        "legend": {"bottom": 0, "type": "scroll"},
        "geo": {
            "map": MAP_NAME,
            "roam": True,
            "top": 10,
            "bottom": 40,
            "label": {"show": True, "color": "#4a5560", "fontSize": 11},
            "itemStyle": {"areaColor": "#eef2f6", "borderColor": "#7d8a97"},
            "emphasis": {"label": {"show": True}, "itemStyle": {"areaColor": "#dde6ef"}},
            "select": {"disabled": True},
        },
        "series": series,
    }


@login_required
def map_page(request):
    """Show the projects on the counties' map, filtered like the project list; a click opens one."""
    actor = request_actor(request)
    form = ProjectFilterForm(request.GET or None, **project_selectors.filter_choices(actor=actor))
    colour = request.GET.get("colour", "stage")
    colour = colour if colour in COLOURINGS else "stage"
    found = project_map(actor, filters=form.to_filter(), now=timezone.now())
    context = {
        "form": form,
        "found": found,
        "colour": colour,
        "colourings": [("stage", _("Stage")), ("status", _("Investment status"))],
        "chart": map_chart(found, colour=colour),
    }
    return render(request, "dashboard/project_map.html", context)


@require_GET
@login_required
def map_boundaries(request):
    """Serve the office's own county boundaries (LANTU_MAP_GEOJSON); 404 when the office has none."""
    if not settings.LANTU_MAP_GEOJSON:
        raise Http404
    return FileResponse(Path(settings.LANTU_MAP_GEOJSON).open("rb"), content_type="application/geo+json")
