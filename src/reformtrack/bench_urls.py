"""The URLs of ``reformtrack bench web``: the site's own, and a hello-world view to measure them by.

The hello-world view passes through the same middleware (sessions, authentication, locale,
security) in the same process and run, so a page's median over its median is the page's own cost,
whatever the machine (the ratio the README quotes).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, include, path

HELLO_URL = "/__bench_hello/"


def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


urlpatterns: list[URLPattern | URLResolver] = [
    path(HELLO_URL.strip("/") + "/", hello),
    path("", include("reformtrack.urls")),
]
