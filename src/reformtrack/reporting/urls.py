"""URLs of the reporting app."""

from django.urls import URLPattern, URLResolver

app_name = "reporting"

urlpatterns: list[URLPattern | URLResolver] = []
