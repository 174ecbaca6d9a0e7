"""URLs of the jobs app under /jobs/."""

from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "jobs"

urlpatterns: list[URLPattern | URLResolver] = [
    path("<int:job_pk>/", views.job_detail, name="job_detail"),
    path("<int:job_pk>.json", views.job_status, name="job_status"),
    path("<int:job_pk>/download/", views.job_download, name="job_download"),
    path("<int:job_pk>/retry/", views.job_retry_view, name="job_retry"),
]
