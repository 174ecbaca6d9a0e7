"""Milestones on the project page: whoever may edit the project adds, edits, marks done and deletes them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from reformtrack.ledger.models import Milestone, Project

pytestmark = pytest.mark.django_db


@pytest.fixture
def milestone(own_project: Project) -> Milestone:
    return Milestone.objects.create(project=own_project, date=dt.date(2014, 6, 30), title="完成调研")


def test_it_adds_a_milestone(own_project: Project, client: Client, clerk_user: User) -> None:
    client.force_login(clerk_user)

    response = client.post(
        reverse("ledger:milestone_create", args=[own_project.pk]), {"date": "2014-03-31", "title": "出台方案"}
    )

    assert response.status_code == 302
    assert response["Location"].endswith("#milestones")
    assert [(m.date, m.title, m.done) for m in own_project.milestones.all()] == [
        (dt.date(2014, 3, 31), "出台方案", False)
    ]


def test_it_edits_a_milestone(milestone: Milestone, client: Client, clerk_user: User) -> None:
    client.force_login(clerk_user)

    client.post(
        reverse("ledger:milestone_edit", args=[milestone.project_id, milestone.pk]),
        {"date": "2014-07-15", "title": "完成调研报告", "done": "on"},
    )

    milestone.refresh_from_db()
    assert (milestone.date, milestone.title, milestone.done) == (dt.date(2014, 7, 15), "完成调研报告", True)


def test_it_marks_a_milestone_done_and_not_done(
    milestone: Milestone, client: Client, clerk_user: User
) -> None:
    client.force_login(clerk_user)
    url = reverse("ledger:milestone_done", args=[milestone.project_id, milestone.pk])

    client.post(url, {"done": "1"})
    milestone.refresh_from_db()
    assert milestone.done
    client.post(url, {"done": "0"})
    milestone.refresh_from_db()
    assert not milestone.done


def test_it_deletes_a_milestone(milestone: Milestone, client: Client, office_user: User) -> None:
    client.force_login(office_user)

    client.post(reverse("ledger:milestone_delete", args=[milestone.project_id, milestone.pk]))

    assert not Milestone.objects.filter(pk=milestone.pk).exists()


def test_it_refuses_get_on_the_done_and_delete_actions(
    milestone: Milestone, client: Client, office_user: User
) -> None:
    client.force_login(office_user)

    for name in ("ledger:milestone_done", "ledger:milestone_delete"):
        assert client.get(reverse(name, args=[milestone.project_id, milestone.pk])).status_code == 405


def test_it_refuses_the_co_unit(milestone: Milestone, client: Client, counit_user: User) -> None:
    client.force_login(counit_user)

    response = client.post(reverse("ledger:milestone_done", args=[milestone.project_id, milestone.pk]))

    assert response.status_code == 403
    milestone.refresh_from_db()
    assert not milestone.done


def test_it_hides_a_milestone_of_another_project(
    milestone: Milestone, foreign_project: Project, client: Client, office_user: User
) -> None:
    client.force_login(office_user)

    response = client.get(reverse("ledger:milestone_edit", args=[foreign_project.pk, milestone.pk]))

    assert response.status_code == 404


def test_it_shows_milestones_and_their_controls(
    milestone: Milestone, client: Client, clerk_user: User
) -> None:
    client.force_login(clerk_user)

    text = client.get(reverse("web:project_detail", args=[milestone.project_id])).content.decode()

    assert "完成调研" in text
    assert 'data-testid="milestone-done"' in text
    assert 'data-testid="milestone-add"' in text


def test_it_shows_the_co_unit_no_controls(milestone: Milestone, client: Client, counit_user: User) -> None:
    client.force_login(counit_user)

    text = client.get(reverse("web:project_detail", args=[milestone.project_id])).content.decode()

    assert "完成调研" in text
    assert 'data-testid="milestone-done"' not in text
    assert 'data-testid="project-edit-link"' not in text
