"""URLs of the ledger's own pages: the project library, a project's edit form and milestones, units.

The dashboard, the project page, my work, the roadmap and the export are reformtrack.web's.
"""

from django.urls import URLPattern, URLResolver, path

from . import views, views_amend, views_amend_parts, views_planning, views_publish, views_tags, views_units

app_name = "ledger"

_PARTS = views_amend_parts
# an amendment's changes to the plan's parts: (path under amendments/<amendment_pk>/, view, name)
AMENDMENT_PARTS: list[URLPattern | URLResolver] = [
    path(f"amendments/<int:amendment_pk>/{route}", view, name=f"amendment_{name}")
    for route, view, name in (
        ("outline/", _PARTS.amendment_outline_view, "outline"),
        ("projects/<int:project_pk>/change/", _PARTS.project_change_view, "project_change"),
        ("projects/<int:project_pk>/split/", _PARTS.project_split_view, "project_split"),
        ("projects/<int:project_pk>/merge/", _PARTS.project_merge_view, "project_merge"),
        ("projects/<int:project_pk>/measures/new/", _PARTS.measure_add_view, "measure_add"),
        ("measures/<int:measure_pk>/change/", _PARTS.measure_change_view, "measure_change"),
        ("measures/<int:measure_pk>/drop/", _PARTS.measure_drop_view, "measure_drop"),
        ("projects/<int:project_pk>/targets/new/", _PARTS.target_add_view, "target_add"),
        ("targets/<int:target_pk>/change/", _PARTS.target_change_view, "target_change"),
        ("targets/<int:target_pk>/drop/", _PARTS.target_drop_view, "target_drop"),
        ("chapters/new/", _PARTS.chapter_add_view, "chapter_add"),
        ("chapters/<int:chapter_pk>/change/", _PARTS.chapter_change_view, "chapter_change"),
        ("chapters/<int:chapter_pk>/drop/", _PARTS.chapter_drop_view, "chapter_drop"),
    )
]

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
    # the public portal's publish steps: the coordinating office's
    path("plans/<int:plan_pk>/publish/", views_publish.plan_publish_view, name="plan_publish"),
    path("projects/<int:project_pk>/public/", views_publish.project_public_view, name="project_public"),
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
    *AMENDMENT_PARTS,
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
