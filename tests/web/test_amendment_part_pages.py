"""The plan amendment pages that change the plan's parts: a project changed (title, units, deadline,
chapter), split and merged; measures, targets and chapters added, changed and dropped. The office
alone; each change recorded in the amendment and in the object's history; a save over someone
else's answered 409 with the typed text kept; every kind reverted; query counts bounded."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils.formats import date_format

from reformtrack.ledger.models import Amendment, Chapter, Measure, Plan, Project, Target, Unit
from reformtrack.ledger.services_amend import amendment_open, measure_change, project_change

pytestmark = pytest.mark.django_db

DAY = dt.date(2014, 3, 1)


@pytest.fixture
def amendment(web_plan: Plan, office_user: User) -> Amendment:
    return amendment_open(plan=web_plan, by=office_user, title="中期调整", reason="区委决定", decided_on=DAY)


@pytest.fixture
def project(web_plan: Plan) -> Project:
    return Project.objects.get(plan=web_plan, title="项目1-1")


def url(name: str, amendment: Amendment, *args: int) -> str:
    return reverse(f"ledger:amendment_{name}", args=[amendment.pk, *args])


def revert(client: Client, amendment: Amendment) -> Any:
    response = client.post(url("revert", amendment), {"reason": "撤回调整", "decided_on": "2014-04-01"})
    assert response.status_code == 302
    return response


def detail(client: Client, amendment: Amendment) -> str:
    return client.get(reverse("ledger:amendment_detail", args=[amendment.pk])).content.decode()


def part_urls(amendment: Amendment, project: Project) -> list[str]:
    measure = project.measures.order_by("position").first()
    target = project.targets.first()
    assert measure is not None and target is not None
    return [
        url("outline", amendment),
        url("project_change", amendment, project.pk),
        url("project_split", amendment, project.pk),
        url("project_merge", amendment, project.pk),
        url("measure_add", amendment, project.pk),
        url("measure_change", amendment, measure.pk),
        url("measure_drop", amendment, measure.pk),
        url("target_add", amendment, project.pk),
        url("target_change", amendment, target.pk),
        url("target_drop", amendment, target.pk),
        url("chapter_add", amendment),
        url("chapter_change", amendment, project.chapter_id),
        url("chapter_drop", amendment, project.chapter_id),
    ]


def test_only_the_office_opens_and_posts_the_pages(
    client: Client,
    amendment: Amendment,
    project: Project,
    office_user: User,
    clerk_user: User,
    leader_user: User,
) -> None:
    urls = part_urls(amendment, project)
    for user in (clerk_user, leader_user):
        client.force_login(user)
        for address in urls:
            assert client.get(address).status_code == 403, address
            assert client.post(address, {"title": "不该改", "reason": "x"}).status_code in (403, 405), address
    project.refresh_from_db()
    assert project.title == "项目1-1" and not amendment.changes.exists()
    client.force_login(office_user)
    for address in urls:
        assert client.get(address).status_code == 200, address
    missing = reverse("ledger:amendment_project_change", args=[amendment.pk + 100, project.pk])
    assert client.get(missing).status_code == 404


def test_an_object_of_another_plan_is_not_found(
    client: Client, amendment: Amendment, office_user: User, other_plan: Plan
) -> None:
    foreign = other_plan.projects.get()
    client.force_login(office_user)
    assert client.get(url("project_change", amendment, foreign.pk)).status_code == 404
    assert client.get(url("chapter_drop", amendment, foreign.chapter_id)).status_code == 404
    measure = Measure.objects.filter(project=foreign).first()
    assert measure is not None
    assert client.get(url("measure_change", amendment, measure.pk)).status_code == 404


def test_the_office_changes_a_project_and_reverts_it(
    client: Client, amendment: Amendment, project: Project, office_user: User, web_plan: Plan
) -> None:
    client.force_login(office_user)
    second = Chapter.objects.get(plan=web_plan, number=2)
    unit = Unit.objects.get_or_create(name="区财政局")[0]
    deadline = project.deadline
    response = client.post(
        url("project_change", amendment, project.pk),
        {
            "title": "深化商事制度改革",
            "label": project.label,
            "deadline": "2015-06-30",
            "lead_units": [unit.pk],
            "chapter": second.pk,
            "reason": "职能调整",
            "version": project.version,
        },
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.title, project.deadline, project.chapter_id) == (
        "深化商事制度改革",
        dt.date(2015, 6, 30),
        second.pk,
    )
    assert project.history.latest().history_change_reason == "职能调整"
    page = detail(client, amendment)
    assert date_format(dt.date(2015, 6, 30)) in page and "2015-06-30" not in page
    assert "区财政局" in page and second.title in page

    revert(client, amendment)
    project.refresh_from_db()
    assert project.title == "项目1-1" and project.chapter.number == 1 and project.deadline == deadline


def test_a_project_saved_by_someone_else_meanwhile_answers_409_keeping_the_typed_text(
    client: Client, amendment: Amendment, project: Project, office_user: User
) -> None:
    client.force_login(office_user)
    started = project.version
    project_change(amendment=amendment, by=office_user, project=project, title="同事先改的标题")
    form = {
        "title": "我输入的标题",
        "label": project.label,
        "version": started,
        "chapter": project.chapter_id,
    }
    response = client.post(url("project_change", amendment, project.pk), form)
    assert response.status_code == 409
    page = response.content.decode()
    assert "我输入的标题" in page and "您的修改尚未保存" in page
    project.refresh_from_db()
    assert project.title == "同事先改的标题"
    fresh = response.context["form"]["version"].value()
    again = client.post(url("project_change", amendment, project.pk), {**form, "version": fresh})
    assert again.status_code == 302
    project.refresh_from_db()
    assert project.title == "我输入的标题"


def test_the_office_splits_a_project_with_its_measures_and_reverts_it(
    client: Client, amendment: Amendment, project: Project, office_user: User, web_plan: Plan
) -> None:
    client.force_login(office_user)
    first, second = project.measures.order_by("position")
    address = url("project_split", amendment, project.pk)
    bad = client.post(address, {"titles": "只有一个", "reason": "拆分"})
    assert bad.status_code == 400 and "只有一个" in bad.content.decode()
    response = client.post(
        address,
        {
            "titles": "甲项目\n乙项目",
            "reason": "拆分",
            f"measure_{first.pk}": "2",
            f"measure_{second.pk}": "0",
        },
    )
    assert response.status_code == 302
    new_second = Project.objects.get(plan=web_plan, title="乙项目")
    assert list(new_second.measures.values_list("text", flat=True)) == [first.text]
    assert not Project.objects.get(plan=web_plan, title="甲项目").measures.exists()
    assert not Project.objects.filter(pk=project.pk).exists()

    revert(client, amendment)
    assert Project.objects.filter(pk=project.pk).exists()
    assert not Project.objects.filter(plan=web_plan, title__in=["甲项目", "乙项目"]).exists()
    assert project.measures.count() == 2


def test_the_office_merges_projects_and_reverts_it(
    client: Client, amendment: Amendment, project: Project, office_user: User, web_plan: Plan
) -> None:
    client.force_login(office_user)
    merged = Project.objects.get(plan=web_plan, title="项目1-2")
    response = client.post(
        url("project_merge", amendment, project.pk), {"projects": [merged.pk], "reason": "合并推进"}
    )
    assert response.status_code == 302
    assert project.measures.count() == 4 and not Project.objects.filter(pk=merged.pk).exists()
    revert(client, amendment)
    assert project.measures.count() == 2 and Project.objects.filter(pk=merged.pk).exists()


def test_measures_are_added_changed_dropped_and_reverted(
    client: Client, amendment: Amendment, project: Project, office_user: User
) -> None:
    client.force_login(office_user)
    before = list(project.measures.values_list("text", flat=True))
    assert client.post(url("measure_add", amendment, project.pk), {"text": ""}).status_code == 400
    response = client.post(
        url("measure_add", amendment, project.pk), {"text": "建立容缺受理机制", "deadline": "2014-12-31"}
    )
    assert response.status_code == 302
    added = Measure.objects.get(project=project, text="建立容缺受理机制")
    first = project.measures.order_by("position").first()
    assert first is not None
    response = client.post(
        url("measure_change", amendment, first.pk),
        {"text": "改过的举措", "deadline": "2015-03-31", "reason": "细化"},
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.text == "改过的举措" and first.history.latest().history_change_reason == "细化"
    assert client.post(url("measure_drop", amendment, added.pk), {"reason": ""}).status_code == 400
    assert client.post(url("measure_drop", amendment, added.pk), {"reason": "重复"}).status_code == 302
    assert list(amendment.changes.values_list("kind", "model")) == [
        ("add", "measure"),
        ("change", "measure"),
        ("drop", "measure"),
    ]
    assert date_format(dt.date(2015, 3, 31)) in detail(client, amendment)

    revert(client, amendment)
    assert list(project.measures.values_list("text", flat=True)) == before


def test_a_measure_changed_meanwhile_answers_409_keeping_the_typed_text(
    client: Client, amendment: Amendment, project: Project, office_user: User
) -> None:
    client.force_login(office_user)
    measure = project.measures.order_by("position").first()
    assert measure is not None
    address = url("measure_change", amendment, measure.pk)
    token = client.get(address).context["form"]["state"].value()
    measure_change(amendment=amendment, by=office_user, measure=measure, text="同事改的举措")
    response = client.post(address, {"text": "我写的举措", "state": token})
    assert response.status_code == 409
    assert "我写的举措" in response.content.decode()
    measure.refresh_from_db()
    assert measure.text == "同事改的举措"
    fresh = response.context["form"]["state"].value()
    assert client.post(address, {"text": "我写的举措", "state": fresh}).status_code == 302


def test_targets_are_added_changed_dropped_and_reverted(
    client: Client, amendment: Amendment, project: Project, office_user: User
) -> None:
    client.force_login(office_user)
    target = project.targets.get()
    old_text = target.text
    form = {"text": "满意度达95%以上", "min_value": "95", "unit": "%", "form": "at_least"}
    assert client.post(url("target_add", amendment, project.pk), form).status_code == 302
    bad = {"text": "改后", "min_value": "10", "max_value": "5", "form": "range"}
    response = client.post(url("target_change", amendment, target.pk), bad)
    assert response.status_code == 400 and "改后" in response.content.decode()
    ok = {"text": "改后的指标", "form": "at_most", "deadline": "2015-12-31"}
    assert client.post(url("target_change", amendment, target.pk), ok).status_code == 302
    added = Target.objects.get(project=project, text="满意度达95%以上")
    assert client.post(url("target_drop", amendment, added.pk), {"reason": "取消"}).status_code == 302
    assert amendment.changes.count() == 3

    revert(client, amendment)
    target.refresh_from_db()
    assert target.text == old_text
    assert list(project.targets.all()) == [target]


def test_chapters_are_added_changed_dropped_and_reverted(
    client: Client, amendment: Amendment, office_user: User, web_plan: Plan
) -> None:
    client.force_login(office_user)
    first = Chapter.objects.get(plan=web_plan, number=1)
    second = Chapter.objects.get(plan=web_plan, number=2)
    response = client.post(url("chapter_add", amendment), {"title": "保障措施", "after": first.pk})
    assert response.status_code == 302
    titles = list(Chapter.objects.filter(plan=web_plan).order_by("position").values_list("title", flat=True))
    assert titles[1] == "保障措施"
    change = {"title": "改过的一章", "text": "", "reason": "更名"}
    assert client.post(url("chapter_change", amendment, first.pk), change).status_code == 302
    assert client.post(url("chapter_drop", amendment, second.pk), {"reason": "并入"}).status_code == 302
    assert not Project.objects.filter(chapter=second).exists()

    revert(client, amendment)
    first.refresh_from_db()
    assert first.title != "改过的一章"
    assert Project.objects.filter(chapter=second).count() == 4
    assert not Chapter.objects.filter(plan=web_plan, title="保障措施").exists()


def test_a_reverted_amendment_takes_no_more_changes(
    client: Client, amendment: Amendment, project: Project, office_user: User
) -> None:
    client.force_login(office_user)
    client.post(url("measure_add", amendment, project.pk), {"text": "新举措"})
    revert(client, amendment)
    response = client.get(url("project_change", amendment, project.pk))
    assert response.status_code == 302
    assert response["Location"] == reverse("ledger:amendment_detail", args=[amendment.pk])


def test_the_detail_and_project_pages_link_to_the_changes(
    client: Client, amendment: Amendment, project: Project, office_user: User, clerk_user: User
) -> None:
    client.force_login(office_user)
    assert url("outline", amendment) in detail(client, amendment)
    outline = client.get(url("outline", amendment)).content.decode()
    assert url("project_split", amendment, project.pk) in outline
    page = client.get(reverse("web:project_detail", args=[project.pk])).content.decode()
    assert url("project_change", amendment, project.pk) in page
    client.force_login(clerk_user)
    page = client.get(reverse("web:project_detail", args=[project.pk])).content.decode()
    assert url("project_change", amendment, project.pk) not in page


# GET queries per page, measured: the session, the user and profile, the amendment, the object, the
# units of a form; the outline four for the whole plan (chapters, projects, measures, targets).
BUDGETS = {
    "outline": 9,
    "project_change": 10,
    "project_split": 7,
    "project_merge": 7,
    "measure_add": 8,
    "measure_change": 10,
    "target_change": 6,
    "chapter_add": 6,
    "chapter_drop": 6,
}


@pytest.mark.parametrize("name", sorted(BUDGETS))
def test_the_pages_keep_to_a_query_budget(
    name: str,
    client: Client,
    amendment: Amendment,
    project: Project,
    office_user: User,
    django_assert_max_num_queries: Any,
) -> None:
    measure = project.measures.order_by("position").first()
    target = project.targets.first()
    assert measure is not None and target is not None
    args = {
        "project_change": [project.pk],
        "project_split": [project.pk],
        "project_merge": [project.pk],
        "measure_add": [project.pk],
        "measure_change": [measure.pk],
        "target_change": [target.pk],
        "chapter_drop": [project.chapter_id],
    }.get(name, [])
    client.force_login(office_user)
    with django_assert_max_num_queries(BUDGETS[name]):
        assert client.get(url(name, amendment, *args)).status_code == 200


def test_the_outline_costs_the_same_for_a_larger_plan(
    client: Client, office_user: User, store_plan: Any, django_assert_max_num_queries: Any
) -> None:
    plan = store_plan(b"large", chapters=5, projects=6, children=2, measures=4)
    large = amendment_open(plan=plan, by=office_user, title="调整", reason="决定", decided_on=DAY)
    client.force_login(office_user)
    with django_assert_max_num_queries(BUDGETS["outline"]):
        assert client.get(url("outline", large)).status_code == 200


def test_the_pages_speak_chinese(
    client: Client, amendment: Amendment, project: Project, office_user: User
) -> None:
    import re

    client.force_login(office_user)
    for address in part_urls(amendment, project):
        html = client.get(address).content.decode()
        body = "<main" + html.split("<main", 1)[-1].split("</main>", 1)[0]
        body = re.sub(r"<script.*?</script>", "", body, flags=re.S)
        words = set(re.findall(r"[A-Za-z]{3,}", re.sub(r"<[^>]+>", " ", body))) - {"amp"}
        assert not words, (address, words)
