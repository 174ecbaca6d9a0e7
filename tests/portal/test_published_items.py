"""Published bulletins, cases, appraisal results and award winners are on the portal, each on the
home page only once something of its kind is published; anything unpublished answers 404."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from reformtrack.appraisal.models import Run, Scheme
from reformtrack.appraisal.services import appraisal_compute, appraisal_publish
from reformtrack.award.models import AwardCall, Nomination
from reformtrack.cases.models import Case
from reformtrack.supervision.models import Bulletin

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from reformtrack.ledger.models import Plan

pytestmark = pytest.mark.django_db


def _bulletin(office: User, status: str, title: str) -> Bulletin:
    published = status == "published"
    return Bulletin.objects.create(
        title=title,
        period_start=dt.date(2014, 1, 1),
        period_end=dt.date(2014, 3, 31),
        status=status,
        created_by=office,
        sections=[{"heading": "总体情况", "paragraphs": ["一季度进展顺利。"], "header": [], "rows": []}],
        published_at=timezone.now() if published else None,
        **({"year": 2014, "sequence": Bulletin.objects.count() + 1} if status != "draft" else {}),
    )


def test_an_empty_portal_shows_no_sections(client: Client) -> None:
    page = client.get(reverse("portal:home")).content.decode()

    for section in ("portal-bulletins", "portal-cases", "portal-appraisals", "portal-winners"):
        assert section not in page


def test_a_published_bulletin_is_readable_and_downloadable_and_a_draft_is_404(
    client: Client, office_user: User
) -> None:
    published = _bulletin(office_user, "published", "一季度督查通报")
    issued = _bulletin(office_user, "issued", "二季度督查通报")
    draft = _bulletin(office_user, "draft", "三季度督查通报")

    home = client.get(reverse("portal:home")).content.decode()
    page = client.get(reverse("portal:bulletin", args=[published.pk]))
    docx = client.get(reverse("portal:bulletin_docx", args=[published.pk]))

    assert "一季度督查通报" in home and "二季度督查通报" not in home
    assert page.status_code == 200 and "一季度进展顺利。" in page.content.decode()
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    for hidden in (issued, draft):
        for name in ("portal:bulletin", "portal:bulletin_docx"):
            assert client.get(reverse(name, args=[hidden.pk])).status_code == 404
    assert "一季度督查通报" in client.get(reverse("portal:bulletin_list")).content.decode()


def test_only_a_published_case_is_shown(client: Client, published_plan: Plan) -> None:
    project = published_plan.projects.get(title="项目1-1")
    unit = project.units.first()
    assert unit is not None
    shown = Case.objects.create(
        project=project, unit=unit, title="商事登记改革案例", results="办理时间缩短一半",
        status="approved", approved_at=timezone.now(), published=True,
    )  # fmt: skip
    approved = Case.objects.create(
        project=project, unit=unit, title="未公开的案例", status="approved", approved_at=timezone.now()
    )

    assert "商事登记改革案例" in client.get(reverse("portal:home")).content.decode()
    assert "办理时间缩短一半" in client.get(reverse("portal:case", args=[shown.pk])).content.decode()
    assert client.get(reverse("portal:case", args=[approved.pk])).status_code == 404
    assert "未公开的案例" not in client.get(reverse("portal:case_list")).content.decode()


def test_appraisal_results_once_published(client: Client, published_plan: Plan, office_user: User) -> None:
    scheme = Scheme.objects.create(year=2014, weights={"projects_on_time": 100}, created_by=office_user)
    run = appraisal_compute(scheme=scheme, by=office_user, as_of=dt.date(2014, 12, 31))
    url = reverse("portal:appraisal", args=[run.pk])

    assert client.get(url).status_code == 404
    assert "portal-appraisals" not in client.get(reverse("portal:home")).content.decode()
    appraisal_publish(run=Run.objects.get(pk=run.pk), by=office_user)

    assert "portal-appraisals" in client.get(reverse("portal:home")).content.decode()
    response = client.get(url)
    assert response.status_code == 200 and 'data-testid="portal-result"' in response.content.decode()


def test_award_winners_once_announced(client: Client, published_plan: Plan, office_user: User) -> None:
    day = dt.date(2014, 3, 1)
    call = AwardCall.objects.create(
        year=2014, title="2014年度罗湖创新奖", nomination_opens=day, nomination_closes=day,
        scoring_opens=day, scoring_closes=day, created_by=office_user,
    )  # fmt: skip
    unit = published_plan.projects.get(title="项目1-1").units.first()
    assert unit is not None
    Nomination.objects.create(
        call=call, unit=unit, title="一网通办改革", status="awarded", prize="first", created_by=office_user
    )

    assert "一网通办改革" not in client.get(reverse("portal:home")).content.decode()
    AwardCall.objects.filter(pk=call.pk).update(announced_on=dt.date(2014, 6, 1))

    assert "一网通办改革" in client.get(reverse("portal:home")).content.decode()
