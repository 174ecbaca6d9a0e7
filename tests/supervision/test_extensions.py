"""A lead unit asks for a later deadline; the office approves (the deadline moves) or rejects;
the request keeps the original date so that both can be shown."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils.formats import date_format
from pytest_django import DjangoAssertNumQueries

from reformtrack.ledger.models import Project, Unit
from reformtrack.supervision.errors import SupervisionError
from reformtrack.supervision.models import ExtensionRequest
from reformtrack.supervision.selectors import extensions_for_project
from reformtrack.supervision.services import extension_decide, extension_request

if TYPE_CHECKING:
    from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db

LATER = dt.date(2014, 6, 30)


def test_it_moves_the_project_deadline_on_approval_and_keeps_both_dates(
    project: Project, clerk_user: User, office_user: User
) -> None:
    original = project.deadline
    request = extension_request(
        by=clerk_user, project=project, requested_deadline=LATER, reasons="征地未完成"
    )

    decided = extension_decide(by=office_user, request=request, approve=True, comment="同意")

    project.refresh_from_db()
    assert (decided.status, decided.decided_by) == ("approved", office_user)
    assert (decided.original_deadline, decided.requested_deadline) == (original, LATER)
    assert project.deadline == LATER and project.version == 2
    assert project.history.latest("history_date").history_user == office_user
    assert list(extensions_for_project(project)) == [decided]


def test_it_moves_a_measure_deadline(project: Project, unit_lead_user: User, office_user: User) -> None:
    measure = project.measures.get()
    original = measure.deadline
    request = extension_request(
        by=unit_lead_user,
        project=project,
        measure=measure,
        requested_deadline=dt.date(2015, 6, 30),
        reasons="x",
    )

    extension_decide(by=office_user, request=request, approve=True, comment="")

    measure.refresh_from_db()
    project.refresh_from_db()
    assert measure.deadline == dt.date(2015, 6, 30) and request.original_deadline == original
    assert project.deadline == dt.date(2013, 12, 31)


def test_it_keeps_the_deadline_on_rejection(project: Project, clerk_user: User, office_user: User) -> None:
    request = extension_request(by=clerk_user, project=project, requested_deadline=LATER, reasons="x")
    with pytest.raises(SupervisionError):
        extension_decide(by=office_user, request=request, approve=False, comment="")

    decided = extension_decide(by=office_user, request=request, approve=False, comment="理由不充分")

    project.refresh_from_db()
    assert decided.status == "rejected" and decided.decision_comment == "理由不充分"
    assert project.deadline == dt.date(2013, 12, 31)
    assert list(extensions_for_project(project)) == []
    with pytest.raises(SupervisionError):
        extension_decide(by=office_user, request=request, approve=True, comment="")


def test_it_refuses_requests_from_others_and_earlier_dates(
    project: Project, counit_user: User, outsider_clerk: User, office_user: User, clerk_user: User
) -> None:
    for user in (counit_user, outsider_clerk, office_user):
        with pytest.raises(PermissionDenied):
            extension_request(by=user, project=project, requested_deadline=LATER, reasons="x")
    with pytest.raises(SupervisionError):
        extension_request(by=clerk_user, project=project, requested_deadline=dt.date(2013, 1, 1), reasons="x")


def test_it_refuses_decisions_by_anyone_but_the_office(
    project: Project, clerk_user: User, supervision_user: User, leader_user: User
) -> None:
    request = extension_request(by=clerk_user, project=project, requested_deadline=LATER, reasons="x")
    for user in (clerk_user, supervision_user, leader_user):
        with pytest.raises(PermissionDenied):
            extension_decide(by=user, request=request, approve=True, comment="")


def test_it_requests_and_decides_through_the_pages(
    project: Project, client: Client, clerk_user: User, office_user: User
) -> None:
    client.force_login(clerk_user)
    client.post(
        reverse("supervision:extension_request", args=[project.pk]),
        {"requested_deadline": "2014-06-30", "reasons": "征地未完成"},
    )
    request = project.extension_requests.get()
    client.force_login(office_user)
    listing = client.get(reverse("supervision:extension_list")).content.decode()
    assert date_format(dt.date(2013, 12, 31)) in listing and date_format(dt.date(2014, 6, 30)) in listing

    client.post(reverse("supervision:extension_decide", args=[request.pk]), {"decision": "approve"})

    project.refresh_from_db()
    assert project.deadline == LATER


def test_it_lists_10_and_100_requests_in_the_same_number_of_queries(
    project: Project,
    own_unit: Unit,
    client: Client,
    office_user: User,
    clerk_user: User,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    client.force_login(office_user)
    url = reverse("supervision:extension_list")
    for count in (10, 90):
        ExtensionRequest.objects.bulk_create(
            ExtensionRequest(
                project=project,
                measure=project.measures.first(),
                unit=own_unit,
                requested_by=clerk_user,
                original_deadline=project.deadline,
                requested_deadline=LATER,
                reasons="征地未完成",
            )
            for _ in range(count)
        )
        with django_assert_num_queries(6):  # session, user, profile, count, page, bell
            assert client.get(url).status_code == 200
