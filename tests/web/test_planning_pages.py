"""The office's planning pages: a chapter's weights and roll-up, a project's weights, the tags; their
rights, their answers to bad and stale input, and their query counts, constant in data size."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reformtrack.ledger.models import Measure, Plan, Project, ProjectTag, Tag
from reformtrack.ledger.services import chapter_weights_set, tag_create

from .conftest import login

pytestmark = pytest.mark.django_db

BuildPlan = Callable[..., Plan]

# the roadmap with a tag chosen: the filter checks its value (one query more than test_query_counts.py)
# (the roadmap: + 2 for the amendments' marks and the dropped projects, as in test_query_counts.py)
BUDGET = {"chapter_detail": 9, "project_list_tagged": 15, "roadmap_tagged": 17, "roadmap_all_plans": 16}


def _tag_every_project(tags: list[Tag]) -> None:
    """Every project of every plan carries every tag (the facets and the rows' badges have data)."""
    ProjectTag.objects.all().delete()
    ProjectTag.objects.bulk_create(
        ProjectTag(project_id=pk, tag=tag)
        for pk in Project.objects.values_list("pk", flat=True)
        for tag in tags
    )


def _url(page: str, plan: Plan) -> str:
    chapter = plan.chapters.order_by("position").first()
    assert chapter is not None
    return {
        "chapter_detail": reverse("ledger:chapter_detail", args=[chapter.pk]),
        "project_list_tagged": reverse("ledger:project_list") + f"?plan={plan.pk}",
        "roadmap_all_plans": reverse("web:roadmap"),
        "roadmap_tagged": reverse("web:roadmap")
        + f"?plan={plan.pk}&tag={Tag.objects.get(name='重点项目').pk}",
    }[page]


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("page", BUDGET)
@pytest.mark.parametrize("role", ["office_user", "clerk_user"])
def test_the_pages_cost_the_same_queries_for_10_and_1000_projects(
    page: str,
    role: str,
    big_plan: BuildPlan,
    client: Client,
    office_user: User,
    request: pytest.FixtureRequest,
) -> None:
    user: User = request.getfixturevalue(role)
    login(client, user)
    tags = [tag_create(by=office_user, name=name) for name in ("重点项目", "民生实事", "试点")]
    small = big_plan(10, title="小方案")
    big_plan(
        1, title="另一方案"
    )  # two plans in both counts: with one, the chapter filter offers its chapters
    _tag_every_project(tags)
    client.get(_url(page, small))
    small_count = _count(client, _url(page, small))
    large = big_plan(1000, title="大方案")
    _tag_every_project(tags)
    large_count = _count(client, _url(page, large))
    assert small_count == large_count, f"{page}: {small_count} queries for 10, {large_count} for 1000"
    assert large_count <= BUDGET[page], f"{page}: {large_count} queries, budget {BUDGET[page]}"


def test_the_library_shows_tag_facets_with_counts(web_plan: Plan, client: Client, office_user: User) -> None:
    tag = tag_create(by=office_user, name="重点项目", colour="danger")
    first, second = web_plan.projects.filter(level=1).order_by("position")[:2]
    ProjectTag.objects.bulk_create([ProjectTag(project=first, tag=tag), ProjectTag(project=second, tag=tag)])
    login(client, office_user)
    page = client.get(reverse("ledger:project_list")).content.decode()
    assert 'data-testid="tag-facet" data-count="2">重点项目' in page
    filtered = client.get(reverse("ledger:project_list") + f"?tag={tag.pk}").content.decode()
    assert filtered.count('data-testid="project-row"') == 2
    assert filtered.count('data-testid="tag">重点项目</span>') == 2  # each row's badge
    tag.archived = True
    tag.save()
    assert 'data-testid="tag">' not in client.get(reverse("ledger:project_list")).content.decode()


def _chapter_post(
    projects: list[Project], weights: list[str], versions: list[int] | None = None
) -> dict[str, str]:
    data = {"note": "年度调整"}
    for index, project in enumerate(projects):
        data[f"weight_{project.pk}"] = weights[index]
        data[f"version_{project.pk}"] = str(versions[index] if versions else project.version)
    return data


def test_the_office_saves_a_chapters_weights(web_plan: Plan, client: Client, office_user: User) -> None:
    chapter = web_plan.chapters.order_by("position").first()
    assert chapter is not None
    projects = list(chapter.projects.filter(level=1).order_by("position"))
    login(client, office_user)
    response = client.post(
        reverse("ledger:chapter_detail", args=[chapter.pk]), _chapter_post(projects, ["2", "0.5"])
    )
    assert response.status_code == 302
    assert [p.weight for p in chapter.projects.filter(level=1).order_by("position")] == [2, 0.5]


def test_a_bad_weight_comes_back_with_the_input_kept(
    web_plan: Plan, client: Client, office_user: User
) -> None:
    chapter = web_plan.chapters.order_by("position").first()
    assert chapter is not None
    projects = list(chapter.projects.filter(level=1).order_by("position"))
    login(client, office_user)
    response = client.post(
        reverse("ledger:chapter_detail", args=[chapter.pk]), _chapter_post(projects, ["3", "两个"])
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="两个"' in page and 'value="3"' in page
    assert [p.weight for p in chapter.projects.filter(level=1)] == [1, 1]
    negative = client.post(
        reverse("ledger:chapter_detail", args=[chapter.pk]), _chapter_post(projects, ["3", "-1"])
    )
    assert negative.status_code == 400
    assert [p.weight for p in chapter.projects.filter(level=1)] == [1, 1]


def test_a_stale_chapter_form_is_refused_with_a_clear_message(
    web_plan: Plan, client: Client, office_user: User, make_user: Callable[..., User]
) -> None:
    chapter = web_plan.chapters.order_by("position").first()
    assert chapter is not None
    projects = list(chapter.projects.filter(level=1).order_by("position"))
    opened = [p.version for p in projects]
    colleague = make_user("office", username="office2", name="王科长")
    chapter_weights_set(chapter=chapter, by=colleague, weights={projects[1].pk: (opened[1], "4")})
    login(client, office_user)
    response = client.post(
        reverse("ledger:chapter_detail", args=[chapter.pk]), _chapter_post(projects, ["2", "5"], opened)
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert 'data-testid="weights-conflict"' in page and "王科长" in page
    assert 'value="5"' in page  # the input is kept
    assert [p.weight for p in chapter.projects.filter(level=1).order_by("position")] == [1, 4]


@pytest.mark.parametrize("role", ["clerk_user", "leader_user", "supervision_user"])
def test_only_the_office_posts_weights_or_opens_the_tags(
    web_plan: Plan, client: Client, role: str, request: pytest.FixtureRequest
) -> None:
    user: User = request.getfixturevalue(role)
    chapter = web_plan.chapters.order_by("position").first()
    assert chapter is not None
    projects = list(chapter.projects.filter(level=1).order_by("position"))
    login(client, user)
    assert client.get(reverse("ledger:chapter_detail", args=[chapter.pk])).status_code == 200
    post = client.post(
        reverse("ledger:chapter_detail", args=[chapter.pk]), _chapter_post(projects, ["9", "9"])
    )
    assert post.status_code == 403
    assert client.get(reverse("ledger:project_weights", args=[projects[0].pk])).status_code == 403
    assert client.get(reverse("ledger:tag_list")).status_code == 403
    assert client.post(reverse("ledger:tag_list"), {"name": "x", "colour": "primary"}).status_code == 403
    assert [p.weight for p in chapter.projects.filter(level=1)] == [1, 1]


def test_a_unit_outside_the_chapter_gets_404(other_plan: Plan, client: Client, clerk_user: User) -> None:
    chapter = other_plan.chapters.get()
    login(client, clerk_user)
    assert client.get(reverse("ledger:chapter_detail", args=[chapter.pk])).status_code == 404


def test_the_project_weights_page_saves_measure_weights(
    web_plan: Plan, client: Client, office_user: User
) -> None:
    project = web_plan.projects.filter(level=1).order_by("position").first()
    assert project is not None
    m1, m2 = Measure.objects.filter(project=project).order_by("position")
    Measure.objects.filter(pk=m1.pk).update(progress=80)
    login(client, office_user)
    url = reverse("ledger:project_weights", args=[project.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"version": project.version, "weight": "2", f"measure_{m1.pk}": "3", f"measure_{m2.pk}": "1"}
    )
    assert response.status_code == 302
    stored = Project.objects.get(pk=project.pk)
    assert stored.weight == 2
    assert stored.progress == 60  # (3×80 + 1×0) / 4
    stale = client.post(
        url, {"version": project.version, "weight": "7", f"measure_{m1.pk}": "3", f"measure_{m2.pk}": "1"}
    )
    assert stale.status_code == 409
    assert Project.objects.get(pk=project.pk).weight == 2


def test_the_office_adds_and_archives_a_tag(client: Client, office_user: User) -> None:
    login(client, office_user)
    assert (
        client.post(reverse("ledger:tag_list"), {"name": "重点项目", "colour": "danger"}).status_code == 302
    )
    again = client.post(reverse("ledger:tag_list"), {"name": "重点项目", "colour": "danger"})
    assert again.status_code == 400 and "已有名为" in again.content.decode()
    tag = Tag.objects.get()
    edit = client.post(
        reverse("ledger:tag_edit", args=[tag.pk]), {"name": "重点", "colour": "info", "archived": "on"}
    )
    assert edit.status_code == 302
    tag.refresh_from_db()
    assert (tag.name, tag.colour, tag.archived) == ("重点", "info", True)


def _edit_data(project: Project, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": project.title,
        "text": project.text,
        "version": project.version,
        "status": project.status,
        "progress": project.progress,
    }
    data.update(changes)
    return data


def test_the_office_sets_start_date_and_tags_on_the_edit_page(
    own_project: Project, client: Client, office_user: User
) -> None:
    key, people = tag_create(by=office_user, name="重点项目"), tag_create(by=office_user, name="民生实事")
    login(client, office_user)
    url = reverse("ledger:project_edit", args=[own_project.pk])
    assert 'data-testid="planning-fields"' in client.get(url).content.decode()

    response = client.post(url, _edit_data(own_project, start_date="2013-03-01", tags=[key.pk, people.pk]))

    assert response.status_code == 302
    own_project.refresh_from_db()
    assert own_project.start_date is not None and own_project.start_date.isoformat() == "2013-03-01"
    assert set(own_project.tags.values_list("name", flat=True)) == {"重点项目", "民生实事"}
    page = client.get(reverse("web:project_detail", args=[own_project.pk])).content.decode()
    assert "2013年3月1日" in page and 'data-testid="project-tags"' in page


def test_a_start_after_the_deadline_is_refused_on_the_edit_page(
    own_project: Project, client: Client, office_user: User
) -> None:
    tag = tag_create(by=office_user, name="重点项目")
    login(client, office_user)
    response = client.post(
        reverse("ledger:project_edit", args=[own_project.pk]),
        _edit_data(own_project, title="新的标题", start_date="2014-06-01", tags=[tag.pk]),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "晚于完成时限" in page and "新的标题" in page  # told why, the input kept
    own_project.refresh_from_db()
    assert (own_project.start_date, own_project.title) == (None, "项目1-1")
    assert not own_project.tags.exists()  # the tags of the refused save are not stored either


def test_a_lead_unit_has_no_planning_fields(own_project: Project, client: Client, clerk_user: User) -> None:
    login(client, clerk_user)
    page = client.get(reverse("ledger:project_edit", args=[own_project.pk])).content.decode()
    assert 'data-testid="planning-fields"' not in page and "weights-link" not in page


def test_the_office_sets_a_measure_start_on_its_page(
    own_project: Project, client: Client, office_user: User
) -> None:
    measure = Measure.objects.filter(project=own_project).order_by("position").first()
    assert measure is not None
    login(client, office_user)
    detail = client.get(reverse("web:project_detail", args=[own_project.pk])).content.decode()
    url = reverse("ledger:measure_start", args=[own_project.pk, measure.pk])
    assert url in detail and reverse("ledger:project_weights", args=[own_project.pk]) in detail

    refused = client.post(url, {"start_date": "2016-01-01"})
    assert refused.status_code == 400 and "晚于方案截止年度" in refused.content.decode()
    assert client.post(url, {"start_date": "2013-02-01"}).status_code == 302
    measure.refresh_from_db()
    assert measure.start_date is not None and measure.start_date.isoformat() == "2013-02-01"


def test_a_units_facets_count_only_the_projects_it_sees(
    web_plan: Plan, other_plan: Plan, client: Client, office_user: User, clerk_user: User
) -> None:
    tag = tag_create(by=office_user, name="重点项目")
    ProjectTag.objects.bulk_create(
        [ProjectTag(project=web_plan.projects.filter(level=1).first(), tag=tag)]
        + [ProjectTag(project=p, tag=tag) for p in other_plan.projects.all()]
    )
    login(client, clerk_user)
    page = client.get(reverse("ledger:project_list")).content.decode()
    assert 'data-testid="tag-facet" data-count="1">重点项目' in page
    login(client, office_user)
    page = client.get(reverse("ledger:project_list")).content.decode()
    assert f'data-testid="tag-facet" data-count="{1 + other_plan.projects.count()}">重点项目' in page


def test_the_projects_history_shows_its_tags_put_on_and_taken_off(
    own_project: Project, client: Client, office_user: User
) -> None:
    from reformtrack.ledger.services import project_tags_set

    tag = tag_create(by=office_user, name="重点项目")
    project_tags_set(project=own_project, by=office_user, tags=[tag])
    project_tags_set(project=own_project, by=office_user, tags=[])
    login(client, office_user)
    page = client.get(reverse("web:project_history", args=[own_project.pk])).content.decode()
    assert page.count("重点项目") >= 2
