"""Editing a project: the lead unit saves its texts, the office also status, progress and the
assignment (a lead unit's progress comes through accepted reports), and a stale save is refused with
a clear message and the user's input kept."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from reformtrack.ledger.choices import ProjectStatus, UnitRole
from reformtrack.ledger.models import Project, Unit
from reformtrack.ledger.services import project_update

pytestmark = pytest.mark.django_db


def unit_data(project: Project, **changes: object) -> dict[str, object]:
    """What the lead unit's form posts: texts and the version."""
    data: dict[str, object] = {"title": project.title, "text": project.text, "version": project.version}
    data.update(changes)
    return data


def form_data(project: Project, **changes: object) -> dict[str, object]:
    """What the office's form posts: status and progress too."""
    return unit_data(project, **{"status": project.status, "progress": project.progress, **changes})


def test_it_saves_the_lead_units_changes(own_project: Project, client: Client, clerk_user: User) -> None:
    client.force_login(clerk_user)

    response = client.post(
        reverse("ledger:project_edit", args=[own_project.pk]),
        unit_data(own_project, title="项目1-1（修订）", text="修订后的全文。"),
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("web:project_detail", args=[own_project.pk])
    own_project.refresh_from_db()
    assert (own_project.title, own_project.text) == ("项目1-1（修订）", "修订后的全文。")
    assert own_project.version == 2


def test_it_saves_the_offices_status_and_progress(
    own_project: Project, client: Client, office_user: User
) -> None:
    client.force_login(office_user)

    response = client.post(
        reverse("ledger:project_edit", args=[own_project.pk]),
        form_data(own_project, status=ProjectStatus.IN_PROGRESS, progress=40),
    )

    assert response.status_code == 302
    own_project.refresh_from_db()
    assert (own_project.status, own_project.progress) == ("in_progress", 40)


@pytest.mark.parametrize(
    "changes",
    [
        {"progress": 100},
        {"status": ProjectStatus.COMPLETED},
        {"progress": 100, "status": ProjectStatus.COMPLETED},
    ],
)
def test_the_lead_units_clerk_cannot_mark_the_project_done(
    changes: dict[str, object], own_project: Project, client: Client, clerk_user: User
) -> None:
    # the form does not offer the fields; a hand-made post of them is refused, nothing saved
    client.force_login(clerk_user)
    page = client.get(reverse("ledger:project_edit", args=[own_project.pk])).content.decode()

    response = client.post(
        reverse("ledger:project_edit", args=[own_project.pk]),
        unit_data(own_project, title="已完成", **changes),
    )

    assert 'name="progress"' not in page and 'name="status"' not in page
    assert 'data-testid="progress-by-reports"' in page
    assert response.status_code == 403
    own_project.refresh_from_db()
    assert (own_project.progress, own_project.status, own_project.version) == (
        0,
        ProjectStatus.NOT_STARTED,
        1,
    )
    assert own_project.title != "已完成"


def test_the_office_is_offered_status_and_progress(
    own_project: Project, client: Client, office_user: User
) -> None:
    client.force_login(office_user)

    page = client.get(reverse("ledger:project_edit", args=[own_project.pk])).content.decode()

    assert 'name="progress"' in page and 'name="status"' in page


def test_it_records_who_changed_what(own_project: Project, client: Client, clerk_user: User) -> None:
    client.force_login(clerk_user)
    client.post(reverse("ledger:project_edit", args=[own_project.pk]), unit_data(own_project, title="新标题"))

    response = client.get(reverse("web:project_history", args=[own_project.pk]))

    entry = response.context["history"][0]
    assert entry.who == clerk_user.get_full_name()
    assert [c.new for c in entry.changes if c.new == "新标题"] == ["新标题"]


def test_it_shows_the_unit_no_assignment_fields(
    own_project: Project, client: Client, clerk_user: User
) -> None:
    client.force_login(clerk_user)

    response = client.get(reverse("ledger:project_edit", args=[own_project.pk]))

    assert 'data-testid="assignment-fields"' not in response.content.decode()
    assert 'name="version"' in response.content.decode()


def test_it_lets_the_office_assign_leader_and_units(
    own_project: Project, client: Client, office_user: User, leader_user: User
) -> None:
    client.force_login(office_user)
    lead = Unit.objects.create(name="区教育局")
    co = Unit.objects.get(name="区科技创新局")

    response = client.post(
        reverse("ledger:project_edit", args=[own_project.pk]),
        form_data(own_project, leader=leader_user.pk, lead_units=[lead.pk], co_units=[co.pk]),
    )

    assert response.status_code == 302
    own_project.refresh_from_db()
    assert own_project.leader == leader_user
    links = own_project.project_units.order_by("role")
    assert [(link.unit.name, link.role) for link in links] == [
        ("区科技创新局", UnitRole.CO),
        ("区教育局", UnitRole.LEAD),
    ]


def test_it_refuses_a_unit_as_lead_and_co_at_once(
    own_project: Project, client: Client, office_user: User
) -> None:
    client.force_login(office_user)
    unit = Unit.objects.get(name="区科技创新局")

    response = client.post(
        reverse("ledger:project_edit", args=[own_project.pk]),
        form_data(own_project, lead_units=[unit.pk], co_units=[unit.pk]),
    )

    assert response.status_code == 200
    assert "区科技创新局" in str(response.context["form"].non_field_errors())


def test_it_refuses_a_stale_save_and_keeps_the_input(
    own_project: Project, client: Client, clerk_user: User, unit_lead_user: User
) -> None:
    client.force_login(clerk_user)
    shown_version = own_project.version
    # the unit lead saves while the clerk still has the form open
    project_update(project=own_project, by=unit_lead_user, version=shown_version, title="分管领导的标题")

    response = client.post(
        reverse("ledger:project_edit", args=[own_project.pk]),
        unit_data(own_project, version=shown_version, title="联络员的标题", text="我的修改，不能丢。"),
    )

    assert response.status_code == 409
    text = response.content.decode()
    assert 'data-testid="edit-conflict"' in text
    assert unit_lead_user.get_full_name() in text  # who saved first
    assert "我的修改，不能丢。" in text  # the clerk's input is still in the form
    form = response.context["form"]
    assert form["title"].value() == "联络员的标题"
    assert form["version"].value() == str(shown_version + 1)  # saving again is a deliberate overwrite
    own_project.refresh_from_db()
    assert (own_project.title, own_project.text) == ("分管领导的标题", "项目1-1的全文。")


def test_it_saves_over_the_other_version_when_asked_again(
    own_project: Project, client: Client, clerk_user: User, unit_lead_user: User
) -> None:
    client.force_login(clerk_user)
    project_update(project=own_project, by=unit_lead_user, version=1, title="分管领导的标题")
    first = client.post(
        reverse("ledger:project_edit", args=[own_project.pk]),
        unit_data(own_project, version=1, title="联络员的标题"),
    )
    assert first.status_code == 409
    again = dict(first.context["form"].data.items())

    response = client.post(reverse("ledger:project_edit", args=[own_project.pk]), again)

    assert response.status_code == 302
    own_project.refresh_from_db()
    assert own_project.title == "联络员的标题"


def test_it_shows_field_errors_without_saving(
    own_project: Project, client: Client, office_user: User
) -> None:
    client.force_login(office_user)

    response = client.post(
        reverse("ledger:project_edit", args=[own_project.pk]), form_data(own_project, progress=150, title=" ")
    )

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"progress", "title"}
    own_project.refresh_from_db()
    assert own_project.version == 1
