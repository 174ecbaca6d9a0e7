"""URLs of the studies app under /studies/. Parameter names start with ``studies_`` (the
permission walk fills them by name)."""

from django.urls import URLPattern, URLResolver, path

from . import views, views_entries

app_name = "studies"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.study_list, name="list"),
    path("project/<int:studies_project_pk>/", views.project_study, name="project"),
    path("project/<int:studies_project_pk>/start/", views.start, name="start"),
    path("<int:studies_pk>/", views.detail, name="detail"),
    path("<int:studies_pk>/edit/", views.edit, name="edit"),
    path("<int:studies_pk>/submit/", views.submit, name="submit"),
    path("<int:studies_pk>/accept/", views.accept, name="accept"),
    path("<int:studies_pk>/return/", views.return_study, name="return"),
    path("<int:studies_pk>/print/", views.print_view, name="print"),
    path("<int:studies_pk>/docx/", views.docx, name="docx"),
    path("<int:studies_pk>/options/add/", views_entries.option_create, name="option_add"),
    path("options/<int:studies_option_pk>/edit/", views_entries.option_edit, name="option_edit"),
    path("options/<int:studies_option_pk>/remove/", views_entries.option_remove, name="option_remove"),
    path("<int:studies_pk>/consultations/add/", views_entries.consultation_create, name="consultation_add"),
    path(
        "consultations/<int:studies_consultation_pk>/edit/",
        views_entries.consultation_edit,
        name="consultation_edit",
    ),
    path(
        "consultations/<int:studies_consultation_pk>/remove/",
        views_entries.consultation_remove,
        name="consultation_remove",
    ),
    path("<int:studies_pk>/files/add/", views_entries.attachment_create, name="attachment_add"),
    path("files/<int:studies_attachment_pk>/", views_entries.attachment_download, name="attachment"),
    path(
        "files/<int:studies_attachment_pk>/remove/",
        views_entries.attachment_delete,
        name="attachment_remove",
    ),
]
