"""What docs/security.md says is logged reaches the log: refused requests and failed logins."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

import pytest
from django.contrib.auth.models import User
from django.test import Client

pytestmark = pytest.mark.django_db


class Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname} {record.name} {record.getMessage()}")


@pytest.fixture
def log() -> Iterator[list[str]]:
    # on the loggers LOGGING configures, where the stderr handler sits (they do not propagate to root)
    handler = Lines()
    loggers = [logging.getLogger("django"), logging.getLogger("axes")]
    for logger in loggers:
        logger.addHandler(handler)
    yield handler.lines
    for logger in loggers:
        logger.removeHandler(handler)


def test_a_refused_page_is_logged(client: Client, clerk_user: User, log: list[str]) -> None:
    client.force_login(clerk_user)

    response = client.get("/projects/999999/")

    assert response.status_code == 404
    assert any(line.startswith("WARNING django.request") and "/projects/999999/" in line for line in log), log


def test_a_failed_login_is_logged_without_the_password(
    client: Client, make_user: Callable[..., User], log: list[str]
) -> None:
    make_user("clerk", "区经济促进局", username="clerk", password="right password 123")

    client.post("/accounts/login/", {"username": "clerk", "password": "wrong-secret-xyz"})

    assert any(line.startswith("WARNING axes") for line in log), log
    assert not any("wrong-secret-xyz" in line for line in log)
