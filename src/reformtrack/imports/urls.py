"""URLs of the import wizard under /import/."""

from django.urls import URLPattern, URLResolver, path, register_converter

from . import views, views_progress, views_revision, views_sheet


class ItemRefConverter:
    """An item's place in the draft's tree: ``2-1`` (chapter 2, item 1), ``2-1-3`` (its third sub-item)."""

    regex = r"[1-9][0-9]{0,4}(?:-[1-9][0-9]{0,4}){1,8}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ItemRefConverter, "itemref")

app_name = "imports"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("uploads/<int:upload_pk>/", views.upload, name="upload"),
    path("<int:pk>/", views.draft, name="draft"),
    path("<int:pk>/items/<itemref:ref>/", views.item_edit, name="item_edit"),
    path("<int:pk>/title/", views.plan_title, name="plan_title"),
    path("<int:pk>/units/", views.unit_merge, name="unit_merge"),
    path("<int:pk>/sheet/", views_sheet.sheet, name="sheet"),
    path("<int:pk>/sheet/rows/<int:row>/", views_sheet.sheet_row, name="sheet_row"),
    path("<int:pk>/confirm/", views.confirm, name="confirm"),
    path("<int:pk>/discard/", views.discard, name="discard"),
    path("progress/", views_progress.progress_upload, name="progress_upload"),
    path("progress/<int:pk>/", views_progress.progress, name="progress"),
    path("revise/", views_revision.revise, name="revise"),
    path("revisions/<int:revision_pk>/", views_revision.revision, name="revision"),
]
