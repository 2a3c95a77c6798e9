"""URLs under /projects/: the projects', the monthly dispatch's and the problems' pages, one namespace.

The paths and names are those of before the dispatch and the problems became apps of their own
(bookmarks keep working); raising a problem from a report needs both, so it is composed here.
"""

from django.urls import path

from lantu.dashboard import problem_views, project_map
from lantu.dispatch.urls import urlpatterns as dispatch_urlpatterns
from lantu.problems.urls import urlpatterns as problems_urlpatterns
from lantu.projects.urls import urlpatterns as projects_urlpatterns

app_name = "projects"
urlpatterns = [
    path("map/", project_map.map_page, name="map"),
    path("map/boundaries.geojson", project_map.map_boundaries, name="map_boundaries"),
    *projects_urlpatterns,
    *dispatch_urlpatterns,
    *problems_urlpatterns,
    path("<int:pk>/problems/new/", problem_views.problem_new, name="problem_new"),
]
