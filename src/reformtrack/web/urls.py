"""URLs of the staff pages that cross domains: the dashboard at the root, the project page, my work,
the roadmap and the library's export. The paths sit beside the ledger's own (reformtrack.ledger.urls)."""

from django.urls import URLPattern, URLResolver, path

from . import views_dashboard, views_export, views_my_work, views_project, views_roadmap, views_target_values

app_name = "web"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views_dashboard.dashboard, name="dashboard"),
    path("projects/export.xlsx", views_export.project_export, name="project_export"),
    path("projects/<int:pk>/", views_project.project_detail, name="project_detail"),
    path("projects/<int:pk>/print/", views_project.project_print, name="project_print"),
    path("projects/<int:pk>/history/", views_project.project_history, name="project_history"),
    path(
        "projects/<int:pk>/targets/<int:target_pk>/values/",
        views_target_values.target_value_add,
        name="target_value_add",
    ),
    path(
        "projects/<int:pk>/targets/<int:target_pk>/baseline/",
        views_target_values.target_baseline_set,
        name="target_baseline_set",
    ),
    path(
        "projects/<int:pk>/target-values/<int:value_pk>/evidence/",
        views_target_values.target_evidence,
        name="target_evidence",
    ),
    path("me/", views_my_work.my_work, name="my_work"),
    path("roadmap/", views_roadmap.roadmap, name="roadmap"),
]
