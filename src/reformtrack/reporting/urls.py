"""URLs of the reporting app under /reports/."""

from django.urls import URLPattern, URLResolver, path

from . import report_form, views, views_public

app_name = "reporting"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.my_reports, name="my_reports"),
    path("start/", views.report_start, name="report_start"),
    path("review/", views.review_queue, name="review_queue"),
    path("<int:pk>/", views.report_detail, name="report_detail"),
    path("<int:pk>/edit/", report_form.report_edit, name="report_edit"),
    path("<int:pk>/discard/", views.report_discard, name="report_discard"),
    path("<int:pk>/contribute/", views.contribution_create, name="contribution_create"),
    path("<int:pk>/review/", views.report_review, name="report_review"),
    path("<int:pk>/public-summary/", views_public.public_summary, name="public_summary"),
    path("<int:pk>/public-summary/review/", views_public.public_summary_review, name="public_summary_review"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence_download"),
    path("cycles/", views.cycle_list, name="cycle_list"),
    path("cycles/new/", views.cycle_create, name="cycle_create"),
    path("cycles/<int:pk>/", views.cycle_edit, name="cycle_edit"),
]
