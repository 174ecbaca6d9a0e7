"""URLs of the award app under /award/."""

from django.urls import URLPattern, URLResolver

app_name = "award"

urlpatterns: list[URLPattern | URLResolver] = []
