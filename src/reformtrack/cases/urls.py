"""URLs of the cases app under /cases/."""

from django.urls import URLPattern, URLResolver, path

from . import views, views_write

app_name = "cases"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.case_list, name="case_list"),
    path("export.docx", views.library_export, name="library_export"),
    path("projects/<int:cases_project_pk>/new/", views_write.case_create, name="case_create"),
    path("<int:cases_pk>/", views.case_detail, name="case_detail"),
    path("<int:cases_pk>/print/", views.case_print, name="case_print"),
    path("<int:cases_pk>.docx", views.case_export, name="case_export"),
    path("<int:cases_pk>/edit/", views_write.case_edit, name="case_edit"),
    path("<int:cases_pk>/submit/", views_write.case_submit, name="case_submit"),
    path("<int:cases_pk>/return/", views_write.case_return, name="case_return"),
    path("<int:cases_pk>/approve/", views_write.case_approve, name="case_approve"),
    path("<int:cases_pk>/publish/", views_write.case_publish, name="case_publish"),
    path("<int:cases_pk>/archive/", views_write.case_archive, name="case_archive"),
]
