"""URLs of the webhooks app."""

from django.urls import URLPattern, URLResolver

app_name = "webhooks"

urlpatterns: list[URLPattern | URLResolver] = []
