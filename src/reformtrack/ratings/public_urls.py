"""The ratings' public URLs, under /public/ratings/ (a citizen rates a project)."""

from django.urls import URLPattern, URLResolver

app_name = "ratings_public"

urlpatterns: list[URLPattern | URLResolver] = []
