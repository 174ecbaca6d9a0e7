"""The award's public URLs, under /public/award/ (a citizen votes while the office's vote is open)."""

from django.urls import URLPattern, URLResolver, path

from . import views_public

app_name = "award_public"

urlpatterns: list[URLPattern | URLResolver] = [
    path("calls/<int:vote_call_pk>/vote/", views_public.vote, name="vote"),
]
