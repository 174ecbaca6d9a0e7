"""Fixtures of the ratings tests: a public project and a private one, a clean cache (the rate limit
and the spent challenges live there), and a helper that posts a rating as a citizen would."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from reformtrack.ledger.models import Plan, Project
from reformtrack.ledger.services_publish import plan_publish
from reformtrack.ratings import challenge, services
from reformtrack.ratings.models import Rating

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.test.client import _MonkeyPatchedWSGIResponse

LEAD = "区经济促进局"
OTHER = "区财政局"
Rate = Callable[..., "_MonkeyPatchedWSGIResponse"]
Submit = Callable[..., Rating]


@pytest.fixture(autouse=True)
def clean_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def public_project(store_plan: Callable[..., Plan], office_user: User) -> Project:
    """The one project of a published plan, marked public, led by 区经济促进局."""
    plan = store_plan(b"public", chapters=1, projects=1, children=0, measures=0, lead_units=(LEAD,))
    plan_publish(by=office_user, plan=plan, all_projects=True)
    return plan.projects.get()


@pytest.fixture
def private_project(store_plan: Callable[..., Plan]) -> Project:
    """A project of a plan never published."""
    plan = store_plan(b"private", chapters=1, projects=1, children=0, measures=0, lead_units=(OTHER,))
    return plan.projects.get()


def solved() -> tuple[str, str]:
    """A fresh challenge's token and its right answer (read from the question's digits)."""
    found = challenge.challenge_new()
    digits = found.question.split("（")[1].rstrip("）").split(" + ")
    return found.token, str(int(digits[0]) + int(digits[1]))


def form_data(**changes: Any) -> dict[str, Any]:
    token, answer = solved()
    data = {
        "score": "4",
        "comment": "",
        "consent": "on",
        "website": "",
        "challenge_token": token,
        "challenge_answer": answer,
    }
    data.update(changes)
    return data


@pytest.fixture
def rate(client: Client) -> Rate:
    """Open the public page (which sets the cookie) and post a rating: ``rate(project, **fields)``."""

    def run(project: Project, *, on: Client | None = None, **changes: Any) -> _MonkeyPatchedWSGIResponse:
        browser = on or client
        if "reformtrack_rater" not in browser.cookies:
            browser.get(reverse("ratings_public:project", args=[project.pk]))
        return browser.post(reverse("ratings_public:rate", args=[project.pk]), form_data(**changes))

    return run


@pytest.fixture
def submit() -> Submit:
    """Call the service with every check passed: ``submit(project, cookie="a", comment=…)``."""

    def run(project: Project, *, cookie: str = "a", client: str = "c", **changes: Any) -> Rating:
        token, answer = solved()
        values: dict[str, Any] = {
            "project": project,
            "score": 4,
            "comment": "",
            "consent": True,
            "honeypot": "",
            "challenge_token": token,
            "challenge_answer": answer,
            "client": client,
            "cookie_token": cookie,
        }
        values.update(changes)
        return services.rating_submit(**values)

    return run
