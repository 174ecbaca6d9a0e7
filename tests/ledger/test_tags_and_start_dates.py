"""Tags of the office (unique names, archived not deleted, history of who put them on) and start
dates of projects and measures (inside the plan's years, not after the deadline)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db.models import ProtectedError

from reformtrack.ledger.errors import LedgerError
from reformtrack.ledger.filtersets import ProjectFilterSet, tag_facets
from reformtrack.ledger.models import Measure, Plan, Project, ProjectTag, Tag
from reformtrack.ledger.services import (
    measure_start_set,
    project_tags_set,
    project_update,
    tag_create,
    tag_update,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(store_plan: Callable[..., Plan]) -> Plan:
    """One chapter of three projects (deadline 2013-12-31, plan 2013–2015) led by the clerk's unit."""
    return store_plan(chapters=1, projects=3, children=0, lead_units=("区经济促进局",))


def _projects(plan: Plan) -> list[Project]:
    return list(plan.projects.order_by("position"))


# --- tags ---------------------------------------------------------------------------------------


def test_the_office_creates_tags_with_unique_names(office_user: User) -> None:
    tag = tag_create(by=office_user, name="  重点项目 ", colour="danger")
    assert (tag.name, tag.colour, tag.created_by) == ("重点项目", "danger", office_user)
    with pytest.raises(LedgerError, match="重点项目"):
        tag_create(by=office_user, name="重点项目")
    with pytest.raises(LedgerError):
        tag_create(by=office_user, name="   ")
    with pytest.raises(LedgerError):
        tag_create(by=office_user, name="民生", colour="purple")
    assert Tag.objects.count() == 1


@pytest.mark.parametrize("role", ["clerk_user", "leader_user", "supervision_user", "counit_user"])
def test_only_the_office_manages_tags(
    plan: Plan, office_user: User, role: str, request: pytest.FixtureRequest
) -> None:
    user: User = request.getfixturevalue(role)
    tag = tag_create(by=office_user, name="重点项目")
    with pytest.raises(PermissionDenied):
        tag_create(by=user, name="民生实事")
    with pytest.raises(PermissionDenied):
        tag_update(tag=tag, by=user, name="改名")
    with pytest.raises(PermissionDenied):
        project_tags_set(project=_projects(plan)[0], by=user, tags=[tag])
    assert not ProjectTag.objects.exists()


def test_tags_on_a_project_keep_their_history(plan: Plan, office_user: User) -> None:
    project = _projects(plan)[0]
    key, people = tag_create(by=office_user, name="重点项目"), tag_create(by=office_user, name="民生实事")

    project_tags_set(project=project, by=office_user, tags=[key, people])
    project_tags_set(project=project, by=office_user, tags=[people])

    assert list(project.tags.values_list("name", flat=True)) == ["民生实事"]
    changes = list(ProjectTag.history.filter(project_id=project.pk).order_by("history_id"))
    assert [(h.history_type, h.tag_id) for h in changes] == [("+", key.pk), ("+", people.pk), ("-", key.pk)]
    assert {h.history_user for h in changes} == {office_user}


def test_an_archived_tag_is_not_put_on_but_stays_and_is_never_deleted(plan: Plan, office_user: User) -> None:
    first, second, _ = _projects(plan)
    tag = tag_create(by=office_user, name="试点")
    project_tags_set(project=first, by=office_user, tags=[tag])
    tag_update(tag=tag, by=office_user, archived=True)

    with pytest.raises(LedgerError):
        project_tags_set(project=second, by=office_user, tags=[tag])
    project_tags_set(project=first, by=office_user, tags=[tag])  # kept where it was
    assert first.tags.get() == tag
    with pytest.raises(ProtectedError):
        tag.delete()


def test_a_rename_must_stay_unique(office_user: User) -> None:
    tag_create(by=office_user, name="重点项目")
    other = tag_create(by=office_user, name="民生")
    with pytest.raises(LedgerError):
        tag_update(tag=other, by=office_user, name="重点项目")
    tag_update(tag=other, by=office_user, name="民生实事", colour="success")
    assert Tag.objects.get(pk=other.pk).name == "民生实事"


def test_the_library_filters_and_counts_by_tag(plan: Plan, office_user: User, clerk_user: User) -> None:
    first, second, third = _projects(plan)
    key, people = tag_create(by=office_user, name="重点项目"), tag_create(by=office_user, name="民生实事")
    project_tags_set(project=first, by=office_user, tags=[key, people])
    project_tags_set(project=second, by=office_user, tags=[key])

    filtered = ProjectFilterSet({"tag": str(key.pk)}, queryset=Project.objects.all(), user=office_user)
    assert set(filtered.qs) == {first, second}
    facets = {(f.name, f.count) for f in tag_facets(Project.objects.filter(level=1))}
    assert facets == {("重点项目", 2), ("民生实事", 1)}
    assert {(f.name, f.count) for f in tag_facets(Project.objects.filter(pk=third.pk))} == set()
    tag_update(tag=people, by=office_user, archived=True)
    assert {f.name for f in tag_facets(Project.objects.all())} == {"重点项目"}


# --- start dates ----------------------------------------------------------------------------------


def test_the_office_sets_a_project_start_inside_the_plan(plan: Plan, office_user: User) -> None:
    project = _projects(plan)[0]
    saved = project_update(project=project, by=office_user, version=1, start_date=dt.date(2013, 3, 1))
    assert Project.objects.get(pk=project.pk).start_date == dt.date(2013, 3, 1)
    assert saved.history.first().history_user == office_user


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (dt.date(2012, 12, 31), "早于方案起始年度"),
        (dt.date(2016, 1, 1), "晚于方案截止年度"),
        (dt.date(2014, 1, 1), "晚于完成时限"),
    ],
)
def test_a_project_start_outside_the_plan_or_after_the_deadline_is_refused(
    plan: Plan, office_user: User, day: dt.date, words: str
) -> None:
    project = _projects(plan)[0]
    with pytest.raises(LedgerError, match=words):
        project_update(project=project, by=office_user, version=1, start_date=day, title="新标题")
    stored = Project.objects.get(pk=project.pk)
    assert (stored.start_date, stored.title, stored.version) == (None, project.title, 1)


def test_a_deadline_before_the_start_is_refused(plan: Plan, office_user: User) -> None:
    project = project_update(
        project=_projects(plan)[0], by=office_user, version=1, start_date=dt.date(2013, 6, 1)
    )
    with pytest.raises(LedgerError):
        project_update(project=project, by=office_user, version=project.version, deadline=dt.date(2013, 5, 1))


def test_a_lead_unit_cannot_set_a_start_date(plan: Plan, clerk_user: User) -> None:
    with pytest.raises(PermissionDenied):
        project_update(project=_projects(plan)[0], by=clerk_user, version=1, start_date=dt.date(2013, 3, 1))


def test_the_office_sets_a_measure_start(plan: Plan, office_user: User, clerk_user: User) -> None:
    measure = Measure.objects.filter(project=_projects(plan)[0], deadline__isnull=False).get()
    measure_start_set(measure=measure, by=office_user, start_date=dt.date(2014, 1, 1))
    assert Measure.objects.get(pk=measure.pk).start_date == dt.date(2014, 1, 1)
    assert measure.history.first().history_user == office_user
    with pytest.raises(LedgerError, match="晚于完成时限"):
        measure_start_set(measure=measure, by=office_user, start_date=dt.date(2014, 7, 1))
    with pytest.raises(PermissionDenied):
        measure_start_set(measure=measure, by=clerk_user, start_date=None)
    assert Measure.objects.get(pk=measure.pk).start_date == dt.date(2014, 1, 1)
