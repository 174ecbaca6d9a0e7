"""URLs of the import wizard under /import/ (engineer C fills them in)."""

from django.urls import URLPattern, URLResolver

app_name = "imports"

urlpatterns: list[URLPattern | URLResolver] = []
