"""URLs of the ledger pages (engineer B fills them in)."""

from django.urls import URLPattern, URLResolver

app_name = "ledger"

urlpatterns: list[URLPattern | URLResolver] = []
