"""URLs of the ledger's own pages: the project library, a project's edit form and milestones, units.

The dashboard, the project page, my work, the roadmap and the export are reformtrack.web's.
"""

from django.urls import URLPattern, URLResolver, path

from . import views, views_amend, views_planning, views_tags, views_units

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
    path("projects/<int:pk>/weights/", views_planning.project_weights, name="project_weights"),
    path(
        "projects/<int:pk>/measures/<int:measure_pk>/start/",
        views_planning.measure_start,
        name="measure_start",
    ),
    path("chapters/<int:pk>/", views_planning.chapter_detail, name="chapter_detail"),
    # plan amendments (方案调整): the coordinating office's
    path("plans/<int:plan_pk>/amendments/", views_amend.amendment_list, name="amendment_list"),
    path("plans/<int:plan_pk>/as-of/", views_amend.plan_as_of, name="plan_as_of"),
    path("amendments/<int:amendment_pk>/", views_amend.amendment_detail, name="amendment_detail"),
    path(
        "amendments/<int:amendment_pk>/projects/new/",
        views_amend.amendment_project_add,
        name="amendment_project_add",
    ),
    path(
        "amendments/<int:amendment_pk>/projects/drop/",
        views_amend.amendment_project_drop,
        name="amendment_project_drop",
    ),
    path("amendments/<int:amendment_pk>/revert/", views_amend.amendment_revert_view, name="amendment_revert"),
    path("tags/", views_tags.tag_list, name="tag_list"),
    path("tags/<int:pk>/edit/", views_tags.tag_edit, name="tag_edit"),
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
