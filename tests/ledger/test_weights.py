"""Weights (权重): the office sets a project's and its measures', and a chapter's projects' at once;
bad values and stale forms store nothing; the roll-up follows the weights."""

from __future__ import annotations

import threading
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import connection

from reformtrack.ledger.errors import ConcurrentEdit, LedgerError
from reformtrack.ledger.models import Chapter, Measure, Plan, Project
from reformtrack.ledger.selectors import chapter_progress, chapter_rollup, plan_progress
from reformtrack.ledger.services import chapter_weights_set, project_update, project_weights_set

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(store_plan: Callable[..., Plan]) -> Plan:
    """One chapter of three projects, three measures each, led by the clerk's unit."""
    return store_plan(chapters=1, projects=3, measures=3, children=0, lead_units=("区经济促进局",))


@pytest.fixture
def chapter(plan: Plan) -> Chapter:
    return plan.chapters.get()


def _projects(chapter: Chapter) -> list[Project]:
    return list(chapter.projects.filter(level=1).order_by("position"))


def _set_progress(project: Project, office: User, progress: int) -> Project:
    return project_update(project=project, by=office, version=project.version, progress=progress)


def test_the_office_sets_a_project_and_its_measures_weights(plan: Plan, office_user: User) -> None:
    project = _projects(plan.chapters.get())[0]
    m1, m2, m3 = Measure.objects.filter(project=project).order_by("position")
    Measure.objects.filter(pk=m1.pk).update(progress=100)
    Measure.objects.filter(pk=m2.pk).update(progress=40)
    opened_at = project.version

    saved = project_weights_set(
        project=project,
        by=office_user,
        version=opened_at,
        weight="2.5",
        measure_weights={m1.pk: "3", m2.pk: Decimal("1"), m3.pk: 0},
        note="按工作量调整",
    )

    assert saved.weight == Decimal("2.50")
    assert [m.weight for m in Measure.objects.filter(project=project).order_by("position")] == [3, 1, 0]
    # (3×100 + 1×40 + 0×0) / 4 = 85
    assert saved.progress == 85
    assert saved.version == opened_at + 1
    last = project.history.order_by("-history_id").first()
    assert last is not None and last.history_user == office_user
    assert last.history_change_reason.endswith("按工作量调整")
    measure_row = m1.history.order_by("-history_id").first()
    assert measure_row.history_user == office_user and "1.00→3" in measure_row.history_change_reason


@pytest.mark.parametrize("role", ["clerk_user", "leader_user", "supervision_user", "unit_lead_user"])
def test_only_the_office_sets_weights(plan: Plan, role: str, request: pytest.FixtureRequest) -> None:
    user: User = request.getfixturevalue(role)
    chapter = plan.chapters.get()
    project = _projects(chapter)[0]
    with pytest.raises(PermissionDenied):
        project_weights_set(project=project, by=user, version=project.version, weight=2, measure_weights={})
    with pytest.raises(PermissionDenied):
        chapter_weights_set(chapter=chapter, by=user, weights={project.pk: (project.version, 2)})
    assert Project.objects.get(pk=project.pk).weight == 1


@pytest.mark.parametrize(
    ("value", "message"),
    [("-1", "负数"), ("abc", "数字"), ("", "数字"), ("NaN", "数字"), ("1e9", "不能超过")],
)
def test_a_bad_weight_stores_nothing(plan: Plan, office_user: User, value: str, message: str) -> None:
    project = _projects(plan.chapters.get())[0]
    first, second, _third = Measure.objects.filter(project=project).order_by("position")

    with pytest.raises(LedgerError, match=message):
        project_weights_set(
            project=project,
            by=office_user,
            version=project.version,
            weight="4",
            measure_weights={first.pk: "2", second.pk: value},
        )

    stored = Project.objects.get(pk=project.pk)
    assert stored.weight == 1
    assert stored.version == project.version
    assert Measure.objects.get(pk=first.pk).weight == 1  # the good value before the bad one: not stored


def test_a_measure_of_another_project_is_refused(plan: Plan, office_user: User) -> None:
    mine, other, _ = _projects(plan.chapters.get())
    foreign = Measure.objects.filter(project=other).first()
    assert foreign is not None
    with pytest.raises(LedgerError):
        project_weights_set(
            project=mine, by=office_user, version=mine.version, weight=1, measure_weights={foreign.pk: 5}
        )
    assert Measure.objects.get(pk=foreign.pk).weight == 1


def test_two_people_editing_one_weight_the_second_is_told_and_nothing_of_theirs_stored(
    plan: Plan, office_user: User, make_user: Callable[..., User]
) -> None:
    colleague = make_user("office", username="office2", name="王科长")
    project = _projects(plan.chapters.get())[0]
    measure = Measure.objects.filter(project=project).first()
    assert measure is not None
    opened_at = project.version
    project_weights_set(
        project=project, by=colleague, version=opened_at, weight="3", measure_weights={measure.pk: "2"}
    )

    with pytest.raises(ConcurrentEdit) as refused:
        project_weights_set(
            project=project, by=office_user, version=opened_at, weight="5", measure_weights={measure.pk: "9"}
        )

    assert "王科长" in str(refused.value)
    assert Project.objects.get(pk=project.pk).weight == 3
    assert Measure.objects.get(pk=measure.pk).weight == 2


def test_the_chapter_form_sets_every_weight_and_the_rollup_follows(
    chapter: Chapter, office_user: User
) -> None:
    a, b, c = (
        _set_progress(p, office_user, n) for p, n in zip(_projects(chapter), [10, 50, 90], strict=True)
    )

    changed = chapter_weights_set(
        chapter=chapter,
        by=office_user,
        weights={a.pk: (a.version, "1"), b.pk: (b.version, "2"), c.pk: (c.version, "0.5")},
        note="年度调整",
    )

    assert {p.pk for p in changed} == {b.pk, c.pk}  # a kept its weight of 1: not written
    expected = (1 * 10 + 2 * 50 + 0.5 * 90) / 3.5
    assert chapter_progress(chapter) == pytest.approx(expected)
    assert plan_progress(chapter.plan_id) == pytest.approx(expected)
    rollup = chapter_rollup(chapter)
    assert (rollup.weighted_sum, rollup.weight_total) == (Decimal("155.0"), Decimal("3.5"))
    assert Project.objects.get(pk=a.pk).version == a.version


def test_a_stale_row_in_the_chapter_form_stores_none_of_it(
    chapter: Chapter, office_user: User, make_user: Callable[..., User]
) -> None:
    colleague = make_user("office", username="office2", name="王科长")
    a, b, c = _projects(chapter)
    chapter_weights_set(chapter=chapter, by=colleague, weights={c.pk: (c.version, "4")})

    with pytest.raises(ConcurrentEdit) as refused:
        chapter_weights_set(
            chapter=chapter,
            by=office_user,
            weights={a.pk: (a.version, "2"), b.pk: (b.version, "3"), c.pk: (c.version, "5")},
        )

    assert refused.value.project.pk == c.pk
    assert [p.weight for p in _projects(chapter)] == [1, 1, 4]  # a and b were written before c: undone


def test_the_chapter_form_refuses_bad_input_before_writing(chapter: Chapter, office_user: User) -> None:
    a, b, _ = _projects(chapter)
    with pytest.raises(LedgerError, match="负数"):
        chapter_weights_set(
            chapter=chapter, by=office_user, weights={a.pk: (a.version, "2"), b.pk: (b.version, "-2")}
        )
    with pytest.raises(LedgerError):
        chapter_weights_set(chapter=chapter, by=office_user, weights={999999: (1, "2")})
    assert [p.weight for p in _projects(chapter)] == [1, 1, 1]


def test_all_weights_zero_is_the_plain_mean(chapter: Chapter, office_user: User) -> None:
    projects = [
        _set_progress(p, office_user, n) for p, n in zip(_projects(chapter), [0, 30, 60], strict=True)
    ]
    chapter_weights_set(chapter=chapter, by=office_user, weights={p.pk: (p.version, 0) for p in projects})
    assert chapter_progress(chapter) == pytest.approx(30)


def test_a_project_reported_as_a_whole_keeps_its_progress(plan: Plan, office_user: User) -> None:
    project = _set_progress(_projects(plan.chapters.get())[0], office_user, 40)  # measures all at 0 %
    measure = Measure.objects.filter(project=project).first()
    assert measure is not None
    saved = project_weights_set(
        project=project, by=office_user, version=project.version, weight=2, measure_weights={measure.pk: 3}
    )
    assert saved.progress == 40


@pytest.mark.django_db(transaction=True)
def test_of_two_offices_saving_a_chapter_at_once_one_gets_through_whole(
    chapter: Chapter, office_user: User, make_user: Callable[..., User]
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL's row locks")
    colleague = make_user("office", username="office2", name="王科长")
    opened = {p.pk: p.version for p in _projects(chapter)}
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def save(user: User, weight: str) -> None:
        start.wait()
        try:
            chapter_weights_set(
                chapter=Chapter.objects.get(pk=chapter.pk),
                by=user,
                weights={pk: (version, weight) for pk, version in opened.items()},
            )
            outcomes.append(weight)
        except ConcurrentEdit:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=args) for args in ((office_user, "2"), (colleague, "3"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes)[-1] == "refused" and len(outcomes) == 2
    winner = next(o for o in outcomes if o != "refused")
    # every weight is the winner's: nothing of the refused save, nothing half stored
    assert {p.weight for p in _projects(chapter)} == {Decimal(winner)}
