"""URLs under /indicators/: the indicators app's own pages and the indicator page composed here."""

from django.urls import path

from lantu.dashboard import indicator_views
from lantu.indicators.urls import urlpatterns as indicators_urlpatterns

app_name = "indicators"
urlpatterns = [
    path("<int:pk>/", indicator_views.indicator_detail, name="detail"),
    *indicators_urlpatterns,
]
