"""URLs of the risk app under /risk/."""

from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "risk"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.assessment_index, name="assessment_list"),
    path("rule/", views.rule_edit, name="rule"),
    path("project/<int:risk_project_pk>/", views.project_risk, name="project"),
    path("project/<int:risk_project_pk>/start/", views.assessment_start, name="assessment_start"),
    path("<int:risk_assessment_pk>/", views.assessment_detail, name="assessment"),
    path("<int:risk_assessment_pk>/edit/", views.assessment_edit, name="assessment_edit"),
    path("<int:risk_assessment_pk>/review/", views.assessment_review, name="assessment_review"),
    path("<int:risk_assessment_pk>/docx/", views.assessment_docx, name="assessment_docx"),
    path("files/<int:risk_file_pk>/", views.file_download, name="file_download"),
]
