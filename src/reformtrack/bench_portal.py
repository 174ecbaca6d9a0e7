"""``reformtrack bench portal``: the public portal's server time over the synthetic programme.

Loads the programme of ``bench web`` (:mod:`reformtrack.bench_data`), publishes every plan with all
its projects through the office's own publish step, then requests the portal's home page, the
largest plan's page, a project page and the public API's project list as an anonymous visitor, with
the median of each as a ratio to a hello-world view's through the same stack in the same run (also
anonymous); and the staff API's project list (first page) as the coordinating office, as a ratio to
the hello-world view of the same signed-in client (``hello_signed_in``). Not a test: the
figures go to ``docs/benchmarks.md``.
"""

from __future__ import annotations

import time
from typing import Any

from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse

from reformtrack.bench import time_pages, with_ratios
from reformtrack.bench_data import (
    Size,
    bench_office,
    load_synthetic,
    refuse_real_plans,
    remove_synthetic,
    synthetic_plans,
)
from reformtrack.bench_urls import HELLO_URL
from reformtrack.ledger.services_publish import plan_publish


def _publish_all() -> tuple[int, float]:
    """Publish every synthetic plan with all its projects; how many plans, and the seconds it took."""
    office = bench_office()
    started = time.perf_counter()
    plans = list(synthetic_plans())
    for plan in plans:
        plan_publish(by=office, plan=plan, all_projects=True)
    return len(plans), time.perf_counter() - started


def portal_pages() -> dict[str, str]:
    """The pages timed: the home page, the plan with the most projects, that plan's first project."""
    largest = synthetic_plans().annotate(n=Count("projects")).order_by("-n", "pk").first()
    assert largest is not None, "no synthetic plan"
    project = largest.projects.filter(level=1).order_by("position").first()
    assert project is not None, "a synthetic plan without projects"
    return {
        "home": reverse("portal:home"),
        "plan": reverse("portal:plan", args=[largest.pk]),
        "project": reverse("portal:project", args=[project.pk]),
    }


def run_portal_bench(
    size: Size, *, requests: int, force: bool, keep: bool, seed: int = 2013
) -> dict[str, Any]:
    """Load, publish, time the portal's pages anonymously, clean up; the figures as a dict."""
    refuse_real_plans(force=force)
    started = time.perf_counter()
    counts = load_synthetic(size, seed=seed)
    load_seconds = time.perf_counter() - started
    try:
        published, publish_seconds = _publish_all()
        client = Client(HTTP_HOST="localhost")  # anonymous, as a citizen
        # the API's rate limits would turn the timed requests into 429s: lifted for the run
        with override_settings(
            ROOT_URLCONF="reformtrack.bench_urls", API_ANON_RATE="1000000/hour", API_TOKEN_RATE="1000000/hour"
        ):
            urls = {
                "hello": HELLO_URL,
                **portal_pages(),
                "api_public_projects": reverse("api:public-project-list"),
            }
            figures = with_ratios(time_pages(client, urls, requests=requests))
            # the staff API's project list as the coordinating office (signed in, every project),
            # against a hello-world view of the same signed-in client
            staff = Client(HTTP_HOST="localhost")
            staff.force_login(bench_office())
            urls = {"hello": HELLO_URL, "api_projects": reverse("api:project-list")}
            signed_in = with_ratios(time_pages(staff, urls, requests=requests))
            figures["api_projects"], figures["hello_signed_in"] = (
                signed_in["api_projects"],
                signed_in["hello"],
            )
    finally:
        if not keep:
            remove_synthetic()
    return {
        "database": connection.vendor,
        **counts,
        "load_seconds": round(load_seconds, 2),
        "published_plans": published,
        "publish_seconds": round(publish_seconds, 2),
        "requests": requests,
        **figures,
    }
