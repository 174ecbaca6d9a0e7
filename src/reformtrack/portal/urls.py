"""URLs of the public portal under /public/ (anonymous, read only)."""

from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "portal"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("plans/<int:public_plan_pk>/", views.plan_detail, name="plan"),
    path("projects/<int:public_project_pk>/", views.project_detail, name="project"),
    path("bulletins/", views.bulletin_list, name="bulletin_list"),
    path("bulletins/<int:public_bulletin_pk>/", views.bulletin_detail, name="bulletin"),
    path("bulletins/<int:public_bulletin_pk>/docx/", views.bulletin_docx, name="bulletin_docx"),
    path("cases/", views.case_list, name="case_list"),
    path("cases/<int:public_case_pk>/", views.case_detail, name="case"),
    path("appraisals/<int:public_run_pk>/", views.appraisal_detail, name="appraisal"),
]
