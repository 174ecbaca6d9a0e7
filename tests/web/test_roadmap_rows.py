"""The roadmap's rows, written in Python: escaped text, the screen-reader line, the empty case."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils.formats import date_format

from reformtrack.ledger.models import Milestone, Plan, Project
from reformtrack.web.templatetags.web_roadmap import roadmap_rows

pytestmark = pytest.mark.django_db


def test_a_row_escapes_its_text_and_reads_out_its_dates(
    web_plan: Plan, client: Client, office_user: User
) -> None:
    project = Project.objects.filter(plan=web_plan, level=1).order_by("position").first()
    assert project is not None
    Project.objects.filter(pk=project.pk).update(
        title="<i>营销</i>", deadline=dt.date(2014, 6, 30), progress=25
    )
    Milestone.objects.create(project=project, date=dt.date(2014, 3, 1), title="试点 & 推开", position=1)
    client.force_login(office_user)

    html = client.get(reverse("web:roadmap"), {"plan": web_plan.pk}).content.decode()

    assert "&lt;i&gt;营销&lt;/i&gt;" in html and "<i>营销" not in html
    assert (
        f'title="{date_format(dt.date(2014, 3, 1))} 试点 &amp; 推开" data-testid="roadmap-milestone"' in html
    )
    assert date_format(dt.date(2014, 6, 30)) in html and "25%" in html
    assert html.count('data-testid="roadmap-row"') == Project.objects.filter(plan=web_plan).count()


def test_no_tracks_says_no_project_matches(db: None) -> None:
    assert 'data-testid="roadmap-empty"' in roadmap_rows([])
