"""URLs of the supervision app under /supervision/."""

from django.urls import URLPattern, URLResolver, path

from . import views, views_answer, views_care, views_decisions

app_name = "supervision"

urlpatterns: list[URLPattern | URLResolver] = [
    path("orders/", views.order_list, name="order_list"),
    path("orders/new/", views.order_issue, name="order_issue"),
    path("orders/<int:order_pk>/", views.order_detail, name="order_detail"),
    path("orders/<int:order_pk>/respond/", views_answer.order_respond, name="order_respond"),
    path("orders/<int:order_pk>/close/", views_care.order_close, name="order_close"),
    path(
        "orders/attachments/<int:attachment_pk>/",
        views_answer.attachment_download,
        name="attachment_download",
    ),
    path("orders/<int:order_pk>.docx", views_care.order_docx, name="order_docx"),
    path("orders/<int:order_pk>/escalate/", views.order_escalate, name="order_escalate"),
    path("extensions/", views.extension_list, name="extension_list"),
    path("projects/<int:pk>/extension/", views.extension_request, name="extension_request"),
    path("extensions/<int:extension_pk>/decide/", views.extension_decide, name="extension_decide"),
    path("accountability/", views.accountability, name="accountability"),
    path("accountability.xlsx", views.accountability_export, name="accountability_export"),
    path("decisions/", views_decisions.decision_list, name="decision_list"),
    path("decisions/new/", views_decisions.decision_new, name="decision_new"),
    path("decisions/<int:supervision_decision_pk>/", views_decisions.decision_detail, name="decision_detail"),
    path(
        "decisions/<int:supervision_decision_pk>/answer/",
        views_decisions.decision_answer,
        name="decision_answer",
    ),
    path(
        "decisions/<int:supervision_decision_pk>/follow-up/",
        views_decisions.decision_followup,
        name="decision_followup",
    ),
    path(
        "decisions/<int:supervision_decision_pk>/close/",
        views_decisions.decision_close,
        name="decision_close",
    ),
    path(
        "decisions/<int:supervision_decision_pk>/revoke/",
        views_decisions.decision_revoke,
        name="decision_revoke",
    ),
    path("decisions/<int:supervision_decision_pk>.docx", views_decisions.decision_docx, name="decision_docx"),
    path(
        "decisions/files/<int:supervision_decision_file_pk>/",
        views_decisions.decision_file,
        name="decision_file",
    ),
    path("bulletins/", views.bulletin_list, name="bulletin_list"),
    path("bulletins/new/", views.bulletin_create, name="bulletin_create"),
    path("bulletins/<int:bulletin_pk>/", views.bulletin_detail, name="bulletin_detail"),
    path("bulletins/<int:bulletin_pk>/edit/", views.bulletin_edit, name="bulletin_edit"),
    path("bulletins/<int:bulletin_pk>/issue/", views_care.bulletin_issue, name="bulletin_issue"),
    path("bulletins/<int:bulletin_pk>/regenerate/", views.bulletin_regenerate, name="bulletin_regenerate"),
    path("bulletins/<int:bulletin_pk>/publish/", views.bulletin_publish, name="bulletin_publish"),
    path("bulletins/<int:bulletin_pk>.docx", views.bulletin_docx, name="bulletin_docx"),
]
