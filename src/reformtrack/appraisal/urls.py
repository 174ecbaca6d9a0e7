"""URLs of the appraisal app under /appraisal/."""

from django.urls import URLPattern, URLResolver, path

from . import views, views_appeal

app_name = "appraisal"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("schemes/new/", views.scheme_create, name="scheme_create"),
    path("schemes/<int:appraisal_scheme_pk>/", views.scheme, name="scheme"),
    path("schemes/<int:appraisal_scheme_pk>/compute/", views.compute, name="compute"),
    path("runs/<int:appraisal_run_pk>/", views.run, name="run"),
    path("runs/<int:appraisal_run_pk>/publish/", views.publish, name="publish"),
    path("runs/<int:appraisal_run_pk>/close/", views.close, name="close"),
    path("runs/<int:appraisal_run_pk>/export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("runs/<int:appraisal_run_pk>/export.docx", views.export_docx, name="export_docx"),
    path("results/<int:appraisal_result_pk>/", views.result, name="result"),
    path("results/<int:appraisal_result_pk>/appeal/", views_appeal.appeal_submit, name="appeal_submit"),
    path("appeals/<int:appraisal_appeal_pk>/decide/", views_appeal.appeal_decide, name="appeal_decide"),
    path(
        "appeals/<int:appraisal_appeal_pk>/attachment/",
        views_appeal.appeal_attachment,
        name="appeal_attachment",
    ),
    path("bonus/", views_appeal.bonus, name="bonus"),
    path("bonus/add/", views_appeal.bonus_add, name="bonus_add"),
    path("bonus/<int:appraisal_claim_pk>/approve/", views_appeal.bonus_approve, name="bonus_approve"),
]
