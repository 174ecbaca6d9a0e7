"""The plan amendment pages: open an amendment, add and drop a project, revert, the ledger as of a day;
their answers to bad input, and query counts that do not grow with the amendments."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from reformtrack.ledger.models import Amendment, Plan, Project, Unit
from reformtrack.ledger.services_amend import amendment_open, project_add, project_change, project_drop

pytestmark = pytest.mark.django_db

DAY = dt.date(2014, 3, 1)


def _open(client: Client, plan: Plan) -> Amendment:
    response = client.post(
        reverse("ledger:amendment_list", args=[plan.pk]),
        {
            "title": "中期调整",
            "reason": "区委决定",
            "decided_on": "2014-03-01",
            "doc_number": "罗办〔2014〕5号",
        },
    )
    amendment = Amendment.objects.get(plan=plan)
    assert response.status_code == 302
    assert response["Location"] == reverse("ledger:amendment_detail", args=[amendment.pk])
    return amendment


def test_the_office_adds_drops_and_reverts_through_the_pages(
    client: Client, office_user: User, web_plan: Plan
) -> None:
    client.force_login(office_user)
    amendment = _open(client, web_plan)
    first = Project.objects.filter(plan=web_plan, level=1).order_by("position").first()
    assert first is not None
    unit = Unit.objects.get(name="区经济促进局")
    add_url = reverse("ledger:amendment_project_add", args=[amendment.pk])
    assert client.get(add_url).status_code == 200
    response = client.post(
        add_url,
        {"chapter": first.chapter_id, "after": first.pk, "title": "新增项目", "lead_units": [unit.pk]},
    )
    assert response.status_code == 302
    added = Project.objects.get(plan=web_plan, title="新增项目")
    assert list(added.units.all()) == [unit]

    drop_url = reverse("ledger:amendment_project_drop", args=[amendment.pk])
    assert client.post(drop_url, {"project": first.pk, "reason": ""}).status_code == 400
    assert Project.objects.filter(pk=first.pk).exists()
    assert client.get(drop_url + f"?project={first.pk}").status_code == 200
    assert client.post(drop_url, {"project": first.pk, "reason": "已整合"}).status_code == 302
    assert not Project.objects.filter(pk=first.pk).exists()

    page = client.get(reverse("ledger:amendment_detail", args=[amendment.pk]))
    assert page.content.count(b'data-testid="amendment-change"') == 2
    assert "已整合" in page.content.decode()

    revert_url = reverse("ledger:amendment_revert", args=[amendment.pk])
    confirm = client.get(revert_url)
    assert confirm.status_code == 200 and b'data-testid="revert-form"' in confirm.content
    response = client.post(revert_url, {"reason": "恢复原方案", "decided_on": "2014-04-01"})
    assert response.status_code == 302
    assert Project.objects.filter(pk=first.pk).exists()
    assert not Project.objects.filter(pk=added.pk).exists()
    again = client.post(revert_url, {"reason": "再次", "decided_on": "2014-04-01"})
    assert again.status_code == 400


def test_the_project_page_lists_the_amendments_that_changed_it(
    client: Client, office_user: User, clerk_user: User, web_plan: Plan
) -> None:
    amendment = amendment_open(plan=web_plan, by=office_user, title="调整", reason="决定", decided_on=DAY)
    project = Project.objects.filter(plan=web_plan, level=1).order_by("position").first()
    assert project is not None
    project_change(amendment=amendment, by=office_user, project=project, deadline=dt.date(2015, 12, 31))
    for user in (office_user, clerk_user):
        client.force_login(user)
        page = client.get(reverse("web:project_detail", args=[project.pk])).content.decode()
        assert 'data-testid="project-amendment-change"' in page
        # the new deadline as the language writes it, and the day the amendment was decided
        assert date_format(dt.date(2015, 12, 31)) in page and date_format(dt.date(2014, 3, 1)) in page


def test_the_ledger_as_of_a_day_and_two_days_compared(
    client: Client, office_user: User, web_plan: Plan
) -> None:
    amendment = amendment_open(plan=web_plan, by=office_user, title="调整", reason="决定", decided_on=DAY)
    chapter = web_plan.chapters.order_by("position").first()
    assert chapter is not None
    project_add(amendment=amendment, by=office_user, chapter=chapter, title="今天新增的项目")
    today = timezone.localdate()
    yesterday = today - dt.timedelta(days=1)
    client.force_login(office_user)
    url = reverse("ledger:plan_as_of", args=[web_plan.pk])

    now = client.get(url, {"date": today.isoformat()}).content.decode()
    before = client.get(url, {"date": yesterday.isoformat()}).content.decode()
    assert "今天新增的项目" in now and "今天新增的项目" not in before
    compared = client.get(url, {"date": yesterday.isoformat(), "compare": today.isoformat()}).content.decode()
    assert 'data-testid="diff-added"' in compared and "今天新增的项目" in compared
    assert client.get(url, {"date": "不是日期"}).status_code == 400


def _amend(plan: Plan, office_user: User, times: int) -> Amendment:
    amendment = amendment_open(plan=plan, by=office_user, title="调整", reason="决定", decided_on=DAY)
    projects = list(Project.objects.filter(plan=plan, level=1).order_by("position"))
    units = list(Unit.objects.all()[:2])
    for i in range(times):
        project = projects[i % len(projects)]
        project.refresh_from_db()
        project_change(
            amendment=amendment, by=office_user, project=project, title=f"调整后的标题{i}", lead_units=units
        )
    chapter = projects[0].chapter
    added = project_add(amendment=amendment, by=office_user, chapter=chapter, title=f"新增{times}")
    project_drop(amendment=amendment, by=office_user, project=added, reason="取消")
    return amendment


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("page", ["amendment_list", "amendment_detail", "project_detail", "roadmap", "as_of"])
def test_the_pages_cost_the_same_queries_for_few_and_many_changes(
    page: str, client: Client, office_user: User, store_plan: object
) -> None:
    counts = []
    for times, source in ((2, b"small"), (12, b"large")):
        plan = store_plan(source, chapters=2, projects=3)  # type: ignore[operator]
        amendment = _amend(plan, office_user, times)
        first = Project.objects.filter(plan=plan, level=1).order_by("position").first()
        assert first is not None
        url = {
            "amendment_list": reverse("ledger:amendment_list", args=[plan.pk]),
            "amendment_detail": reverse("ledger:amendment_detail", args=[amendment.pk]),
            "project_detail": reverse("web:project_detail", args=[first.pk]),
            "roadmap": reverse("web:roadmap") + f"?plan={plan.pk}",
            "as_of": reverse("ledger:plan_as_of", args=[plan.pk])
            + f"?date={timezone.localdate().isoformat()}",
        }[page]
        client.force_login(office_user)
        counts.append(_count(client, url))
    assert counts[0] == counts[1], counts
