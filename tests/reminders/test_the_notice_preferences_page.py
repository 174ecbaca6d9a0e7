"""The notice settings page: every signed-in person sets their own, and only their own."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from reformtrack.reminders.choices import NoticeChannel, NoticeKind
from reformtrack.reminders.models import NoticePreference
from reformtrack.reminders.notice_services import notice_preferences_save
from reformtrack.supervision.services import order_issue

from .conftest import Programme
from .notices_helpers import choose

pytestmark = pytest.mark.django_db

URL = "/reminders/preferences/"


def _all(channel: str, **overrides: str) -> dict[str, str]:
    return {kind: overrides.get(kind, channel) for kind in NoticeKind.values}


def test_the_page_has_its_address() -> None:
    assert reverse("reminders:preferences") == URL


def test_it_shows_in_the_app_for_every_kind_by_default(
    programme: Programme, client: Client, django_assert_max_num_queries: Callable[..., Any]
) -> None:
    choose(programme.clerk, bulletin_issued="none")
    client.force_login(programme.clerk)

    with django_assert_max_num_queries(5):
        page = client.get(URL).content.decode()

    assert page.count('value="app" selected') == len(NoticeKind) - 1
    assert '<option value="none" selected>不接收</option>' in page
    assert "进展填报被退回" in page and "每日摘要" in page


def test_a_person_saves_their_own_choices_only(programme: Programme, client: Client) -> None:
    choose(programme.unit_lead, report_returned="email")
    client.force_login(programme.clerk)

    response = client.post(URL, _all("app", report_returned="digest", order_issued="none"), follow=True)

    assert "通知设置已保存。" in response.content.decode()
    mine = dict(NoticePreference.objects.filter(user=programme.clerk).values_list("kind", "channel"))
    assert mine[NoticeKind.REPORT_RETURNED] == NoticeChannel.DIGEST
    assert mine[NoticeKind.ORDER_ISSUED] == NoticeChannel.NONE
    theirs = NoticePreference.objects.filter(user=programme.unit_lead).values_list("kind", "channel")
    assert list(theirs) == [(NoticeKind.REPORT_RETURNED, NoticeChannel.EMAIL)]

    client.post(URL, _all("app", report_returned="email"))  # saving again changes, adds nothing
    assert NoticePreference.objects.filter(user=programme.clerk).count() == len(NoticeKind)
    assert NoticePreference.objects.get(user=programme.clerk, kind="report_returned").channel == "email"


def test_nobody_saves_anybody_elses(programme: Programme) -> None:
    with pytest.raises(PermissionDenied):
        notice_preferences_save(
            user=programme.unit_lead, by=programme.clerk, choices={"order_issued": "none"}
        )
    assert not NoticePreference.objects.exists()


def test_a_refused_choice_keeps_what_was_typed(programme: Programme, client: Client) -> None:
    client.force_login(programme.clerk)

    response = client.post(URL, _all("email", order_issued="telegram"))

    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('value="email" selected') == len(NoticeKind) - 1
    assert "is-invalid" in page
    assert not NoticePreference.objects.exists()


def test_the_anonymous_go_to_the_login_page(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_bell_counts_event_notices_and_read_all_clears_them(
    programme: Programme,
    office_user: User,
    client: Client,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    import datetime as dt

    for reason in ("进度滞后", "质量不高"):
        with django_capture_on_commit_callbacks(execute=True):
            order_issue(
                by=office_user,
                unit=programme.unit,
                project=programme.project,
                reason=reason,
                requirements="限期整改",
                response_due=dt.date(2014, 7, 1),
                grade="blue",
            )
    client.force_login(programme.clerk)

    page = client.get(reverse("reminders:notifications")).content.decode()
    assert 'data-testid="nav-bell-count">2<' in page
    assert page.count("督办单已签发：《") == 2
    client.post(reverse("reminders:notifications_read_all"))
    page = client.get(reverse("reminders:notifications")).content.decode()
    assert 'data-testid="nav-bell-count"' not in page
