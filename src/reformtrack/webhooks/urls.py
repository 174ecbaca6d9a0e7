"""URLs of the webhooks app under /webhooks/: the coordinating office's endpoints and deliveries."""

from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "webhooks"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.endpoint_list, name="endpoint_list"),
    path("new/", views.endpoint_create, name="endpoint_create"),
    path("<int:webhook_endpoint_pk>/", views.endpoint_detail, name="endpoint_detail"),
    path("<int:webhook_endpoint_pk>/edit/", views.endpoint_edit, name="endpoint_edit"),
    path("<int:webhook_endpoint_pk>/archive/", views.endpoint_archive, name="endpoint_archive"),
    path("<int:webhook_endpoint_pk>/ping/", views.endpoint_ping, name="endpoint_ping"),
    path("deliveries/<int:webhook_delivery_pk>/retry/", views.delivery_retry, name="delivery_retry"),
]
