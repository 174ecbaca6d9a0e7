"""core.http.signed_in_user: the typed user of a view behind a login gate."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from reformtrack.core.http import signed_in_user


def test_it_gives_the_signed_in_user() -> None:
    request = RequestFactory().get("/")
    user = User(username="clerk")
    request.user = user

    assert signed_in_user(request) is user


def test_it_refuses_an_anonymous_request_that_got_past_a_gate() -> None:
    request = RequestFactory().get("/")
    request.user = AnonymousUser()

    with pytest.raises(PermissionDenied):
        signed_in_user(request)
