"""URLs of the api app under /api/: the staff API, the public API, the schema and its pages, and the
office's token pages. Detail URLs name their id after the object (``order_pk``), as the pages do."""

from django.urls import URLPattern, URLResolver, include, path, register_converter
from django.urls.converters import IntConverter
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from . import views, views_public, views_tokens, views_work

app_name = "api"


class IdConverter(IntConverter):
    """An id of at most 18 digits: a longer one is no row's (a 64-bit integer), and answers 404
    instead of overflowing the database's integer."""

    regex = "[0-9]{1,18}"


register_converter(IdConverter, "api_id")


def _lookup(viewset: type, kwarg: str = "pk") -> type:
    """The viewset with its id in the URL as ``<api_id:kwarg>``: a path converter, as the pages have."""
    viewset.lookup_url_kwarg = kwarg  # type: ignore[attr-defined]
    viewset.lookup_value_converter = "api_id"  # type: ignore[attr-defined]
    return viewset


router = SimpleRouter(use_regex_path=False)
router.register("plans", _lookup(views.PlanViewSet, "plan_pk"), basename="plan")
router.register("chapters", _lookup(views.ChapterViewSet, "api_chapter_pk"), basename="chapter")
router.register("projects", _lookup(views.ProjectViewSet), basename="project")
router.register("measures", _lookup(views.MeasureViewSet, "measure_pk"), basename="measure")
router.register("targets", _lookup(views.TargetViewSet, "target_pk"), basename="target")
router.register("target-values", _lookup(views.TargetValueViewSet, "api_value_pk"), basename="target-value")
router.register("units", _lookup(views.UnitViewSet, "api_unit_pk"), basename="unit")
router.register("reports", _lookup(views_work.ReportViewSet, "api_report_pk"), basename="report")
router.register("orders", _lookup(views_work.OrderViewSet, "order_pk"), basename="order")
router.register("bulletins", _lookup(views_work.BulletinViewSet, "bulletin_pk"), basename="bulletin")
router.register("lights", _lookup(views_work.LightViewSet), basename="light")

public = SimpleRouter(use_regex_path=False)
public.register("plans", _lookup(views_public.PublicPlanViewSet, "plan_pk"), basename="public-plan")
public.register("projects", _lookup(views_public.PublicProjectViewSet), basename="public-project")

urlpatterns: list[URLPattern | URLResolver] = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api:schema", template_name="api/swagger_ui.html"),
        name="docs",
    ),
    path("tokens/", views_tokens.token_list, name="token_list"),
    path("tokens/new/", views_tokens.token_new, name="token_new"),
    path("tokens/<int:token_pk>/revoke/", views_tokens.token_revoke_view, name="token_revoke"),
    path("public/", include(public.urls)),
    *router.urls,
]
