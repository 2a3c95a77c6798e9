"""URLs of the notification pages."""

from django.urls import path

from lantu.notify import views

app_name = "notify"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("bell/", views.bell, name="bell"),
    path("<int:pk>/open/", views.open_notification, name="open"),
    path("settings/", views.preferences, name="preferences"),
    path("remind/", views.remind, name="remind"),
    path("reminders-sent/", views.reminder_log, name="reminder_log"),
]
