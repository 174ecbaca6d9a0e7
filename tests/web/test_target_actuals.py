"""Targets' actual values on the project page and the dashboard: the office enters one (with its
evidence file), the target's achievement changes; a refusal keeps what was typed; nobody else may;
the pages cost the same queries whatever the number of targets and values."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.fixtures import Settings

from reformtrack.ledger.models import Plan, Project, Target, TargetValue

from .conftest import BuildPlan

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_root(settings: Settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media"


def _post_value(client: Client, project: Project, target: Target, **fields: object) -> object:
    prefix = f"t{target.pk}-"
    data = {prefix + name: value for name, value in fields.items()}
    return client.post(reverse("web:target_value_add", args=[project.pk, target.pk]), data)


def test_the_office_enters_a_value_and_the_achievement_changes(
    own_project: Project, client: Client, office_user: User
) -> None:
    client.force_login(office_user)
    target = own_project.targets.get()  # 打造2至3个网商集聚区: a range
    page = reverse("web:project_detail", args=[own_project.pk])
    before = client.get(page).content.decode()
    unknown = before[before.index('data-testid="target-achievement"') :]
    assert "aria-valuenow" not in unknown[: unknown.index("</div>")]  # no value yet: no bar

    response = _post_value(
        client,
        own_project,
        target,
        value="1",
        date="2013-06-30",
        source="区经济促进局统计",
        note="首个集聚区",
        evidence=SimpleUploadedFile("统计.pdf", PDF),
    )
    assert response.status_code == 302  # type: ignore[attr-defined]

    text = client.get(page).content.decode()
    row = TargetValue.objects.get()
    assert (row.value, row.source, row.entered_by, row.evidence_type) == (
        Decimal(1),
        "区经济促进局统计",
        office_user,
        "application/pdf",
    )
    achievement = text[text.index('data-testid="target-achievement"') :]
    assert 'aria-valuenow="50"' in achievement[:600]  # 1 of the range 2–3, from 0
    assert 'data-testid="project-achievement"' in text and "50.0%" in text
    assert "target-charts-data" in text  # the chart's data, drawn by Chart.js
    download = client.get(reverse("web:target_evidence", args=[own_project.pk, row.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == PDF  # type: ignore[attr-defined]


def test_a_refused_value_keeps_what_was_typed(
    own_project: Project, client: Client, office_user: User
) -> None:
    client.force_login(office_user)
    target = own_project.targets.get()

    response = _post_value(client, own_project, target, value="2", date="2019-06-30", source="我的来源")

    assert response.status_code == 400  # type: ignore[attr-defined]
    text = response.content.decode()  # type: ignore[attr-defined]
    assert 'data-testid="target-value-error"' in text
    assert "不在方案实施年度（2013—2015年）之内" in text
    assert 'value="我的来源"' in text
    assert not TargetValue.objects.exists()


@pytest.mark.parametrize("who", ["clerk_user", "counit_user", "leader_user", "supervision_user"])
def test_only_the_office_enters_values(
    own_project: Project, client: Client, who: str, request: pytest.FixtureRequest
) -> None:
    client.force_login(request.getfixturevalue(who))
    target = own_project.targets.get()

    page = client.get(reverse("web:project_detail", args=[own_project.pk])).content.decode()
    response = _post_value(client, own_project, target, value="2", date="2013-06-30")

    assert 'data-testid="target-value-form"' not in page
    assert response.status_code == 403  # type: ignore[attr-defined]
    assert not TargetValue.objects.exists()


def test_an_outsider_gets_404(foreign_project: Project, client: Client, clerk_user: User) -> None:
    client.force_login(clerk_user)
    target = foreign_project.targets.get()
    assert _post_value(client, foreign_project, target, value="2", date="2013-06-30").status_code == 404  # type: ignore[attr-defined]


def test_the_dashboard_shows_the_achievement_per_chapter_and_plan(
    web_plan: Plan, client: Client, office_user: User
) -> None:
    client.force_login(office_user)
    first, second = web_plan.projects.filter(level=1).order_by("position")[:2]
    TargetValue.objects.create(target=first.targets.get(), date=dt.date(2013, 6, 30), value=Decimal(1))
    TargetValue.objects.create(target=second.targets.get(), date=dt.date(2013, 6, 30), value=Decimal(2))

    text = client.get(reverse("web:dashboard") + f"?plan={web_plan.pk}").content.decode()

    part = text[text.index('data-testid="dashboard-targets"') :]
    part = part[: part.index("</section>")]
    # (50 + 100) / 2 over the two targets with a value; the other targets have none
    assert "75.0%" in part
    assert 'aria-valuenow="75"' in part


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _add_values(plan: Plan, per_target: int) -> None:
    targets = list(Target.objects.filter(project__plan=plan))
    TargetValue.objects.bulk_create(
        TargetValue(target=t, date=dt.date(2013, 1, 1) + dt.timedelta(days=30 * i), value=Decimal(50 + i))
        for t in targets
        for i in range(per_target)
    )


def test_the_dashboard_costs_the_same_queries_for_few_and_many_targets_and_values(
    big_plan: BuildPlan, client: Client, office_user: User
) -> None:
    client.force_login(office_user)
    small = big_plan(5, title="小方案")
    _add_values(small, 1)
    url = reverse("web:dashboard") + "?plan={}"
    _count(client, url.format(small.pk))
    few = _count(client, url.format(small.pk))
    large = big_plan(200, title="大方案")
    _add_values(large, 6)

    assert few == _count(client, url.format(large.pk))


def test_the_project_page_costs_the_same_queries_for_few_and_many_targets_and_values(
    own_project: Project, client: Client, office_user: User
) -> None:
    client.force_login(office_user)
    url = reverse("web:project_detail", args=[own_project.pk])
    target = own_project.targets.get()
    TargetValue.objects.create(
        target=target, date=dt.date(2013, 1, 31), value=Decimal(1), entered_by=office_user
    )
    _count(client, url)
    few = _count(client, url)
    more = Target.objects.bulk_create(
        Target(project=own_project, text=f"新增{i}家企业", min_value=10, unit="家", position=10 + i)
        for i in range(8)
    )
    TargetValue.objects.bulk_create(
        TargetValue(target=t, date=dt.date(2013, m, 28), value=Decimal(m), entered_by=office_user)
        for t in more
        for m in range(1, 12)
    )

    assert few == _count(client, url)
