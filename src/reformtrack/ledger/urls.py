"""URLs of the ledger's own pages: the project library, a project's edit form and milestones, units.

The dashboard, the project page, my work, the roadmap and the export are reformtrack.web's.
"""

from django.urls import URLPattern, URLResolver, path

from . import views, views_units

app_name = "ledger"

urlpatterns: list[URLPattern | URLResolver] = [
    path("projects/", views.project_list, name="project_list"),
    path("projects/<int:pk>/edit/", views.project_edit, name="project_edit"),
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
    path("units/", views_units.unit_list, name="unit_list"),
    path("units/<int:pk>/", views_units.unit_detail, name="unit_detail"),
    path("units/<int:pk>/rename/", views_units.unit_rename, name="unit_rename"),
    path("units/<int:pk>/aliases/", views_units.unit_alias_add, name="unit_alias_add"),
    path(
        "units/<int:pk>/aliases/<int:alias_pk>/remove/",
        views_units.unit_alias_remove,
        name="unit_alias_remove",
    ),
    path("units/<int:pk>/merge/", views_units.unit_merge, name="unit_merge"),
]
