"""URLs of the evaluation app under /evaluation/."""

from django.urls import URLPattern, URLResolver

app_name = "evaluation"

urlpatterns: list[URLPattern | URLResolver] = []
