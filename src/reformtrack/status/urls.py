"""URLs of the status app."""

from django.urls import URLPattern, URLResolver

app_name = "status"

urlpatterns: list[URLPattern | URLResolver] = []
