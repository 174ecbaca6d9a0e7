"""The ratings' staff URLs under /ratings/: the coordinating office's moderation and settings."""

from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "ratings"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.queue, name="queue"),
    path("<int:rating_pk>/", views.rating_detail, name="rating"),
    path("<int:rating_pk>/publish/", views.rating_publish, name="publish"),
    path("<int:rating_pk>/hide/", views.rating_hide, name="hide"),
    path("<int:rating_pk>/answer/", views.rating_answer, name="answer"),
    path("settings/", views.settings_edit, name="settings"),
    path("words/", views.word_list, name="words"),
    path("words/<int:rating_word_pk>/remove/", views.word_remove, name="word_remove"),
]
