"""URLs of the reminders app under /reminders/."""

from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "reminders"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.notifications, name="notifications"),
    path("<int:pk>/read/", views.notification_read, name="notification_read"),
    path("read-all/", views.notifications_read_all, name="notifications_read_all"),
    path("log/", views.log, name="log"),
    path("preferences/", views.preferences, name="preferences"),
]
