"""The ratings' public URLs, under /public/ratings/ (a citizen rates a project; anonymous)."""

from django.urls import URLPattern, URLResolver, path

from . import views_public

app_name = "ratings_public"

urlpatterns: list[URLPattern | URLResolver] = [
    path("projects/<int:rating_project_pk>/", views_public.project_page, name="project"),
    path("projects/<int:rating_project_pk>/rate/", views_public.rate, name="rate"),
    path("projects/<int:rating_project_pk>/code/", views_public.code_send, name="code"),
]
