"""URLs of the ledger pages: dashboard at the root, the project library, units, my work, the roadmap."""

from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "ledger"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.dashboard, name="dashboard"),
    path("projects/", views.project_list, name="project_list"),
    path("projects/export.xlsx", views.project_export, name="project_export"),
    path("projects/<int:pk>/", views.project_detail, name="project_detail"),
    path("projects/<int:pk>/edit/", views.project_edit, name="project_edit"),
    path("projects/<int:pk>/print/", views.project_print, name="project_print"),
    path("projects/<int:pk>/history/", views.project_history, name="project_history"),
    path("projects/<int:pk>/milestones/new/", views.milestone_create, name="milestone_create"),
    path(
        "projects/<int:pk>/milestones/<int:milestone_pk>/edit/", views.milestone_edit, name="milestone_edit"
    ),
    path(
        "projects/<int:pk>/milestones/<int:milestone_pk>/done/", views.milestone_done, name="milestone_done"
    ),
    path(
        "projects/<int:pk>/milestones/<int:milestone_pk>/delete/",
        views.milestone_delete,
        name="milestone_delete",
    ),
    path("units/", views.unit_list, name="unit_list"),
    path("units/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("me/", views.my_work, name="my_work"),
    path("roadmap/", views.roadmap, name="roadmap"),
]
