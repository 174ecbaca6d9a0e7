"""URLs of the risk app under /risk/."""

from django.urls import URLPattern, URLResolver

app_name = "risk"

urlpatterns: list[URLPattern | URLResolver] = []
