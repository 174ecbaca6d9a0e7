"""URLs of the appraisal app under /appraisal/."""

from django.urls import URLPattern, URLResolver

app_name = "appraisal"

urlpatterns: list[URLPattern | URLResolver] = []
