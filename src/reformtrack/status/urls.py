"""URLs of the status app."""

from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "status"

urlpatterns: list[URLPattern | URLResolver] = [
    path("plans/<int:plan_pk>/rules/", views.rules, name="rules"),
]
