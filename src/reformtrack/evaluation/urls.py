"""URLs of the evaluation app under /evaluation/."""

from django.urls import URLPattern, URLResolver, path

from . import views, views_panel, views_steps

app_name = "evaluation"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.evaluation_index, name="list"),
    path("mine/", views.mine, name="mine"),
    path("open/<int:evaluation_project_pk>/", views.evaluation_open, name="open"),
    path("<int:evaluation_pk>/", views.evaluation_detail, name="detail"),
    path("<int:evaluation_pk>/report.docx", views.evaluation_report, name="report"),
    path("<int:evaluation_pk>/due/", views_steps.evaluation_due, name="due"),
    path("<int:evaluation_pk>/self/", views_steps.evaluation_self, name="self"),
    path("<int:evaluation_pk>/office/", views_steps.evaluation_office, name="office"),
    path("<int:evaluation_pk>/conclude/", views_steps.evaluation_conclude, name="conclude"),
    path("<int:evaluation_pk>/amend/", views_steps.evaluation_amend, name="amend"),
    path("<int:evaluation_pk>/criteria/", views_panel.criterion_add, name="criterion_add"),
    path("<int:evaluation_pk>/invite/", views_panel.reviewer_invite, name="invite"),
    path("<int:evaluation_pk>/expert/", views_panel.expert_create, name="expert"),
    path("<int:evaluation_pk>/respond/", views_panel.assignment_respond, name="respond"),
    path("<int:evaluation_pk>/score/", views_panel.score, name="score"),
]
