"""The project table of the list pages, written in Python: its cells, escaping and empty text."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils.formats import date_format

from reformtrack.ledger import pages
from reformtrack.ledger.models import Plan, Project
from reformtrack.web.templatetags.web_tables import project_table

pytestmark = pytest.mark.django_db


def test_each_row_has_its_link_units_status_light_and_bar(web_plan: Plan) -> None:
    project = Project.objects.filter(plan=web_plan, level=1).order_by("position").first()
    assert project is not None
    Project.objects.filter(pk=project.pk).update(
        title="<b>营销</b> & 品牌", needs_review=True, deadline=dt.date(2000, 1, 1), progress=40
    )
    rows = pages.rows(pages.with_units(Project.objects.filter(pk=project.pk)))

    html = project_table(rows, testid="t", show_plan=True)

    assert 'data-testid="t"' in html and html.count('data-testid="project-row"') == 1
    assert f'href="{reverse("web:project_detail", args=[project.pk])}"' in html
    assert "&lt;b&gt;营销&lt;/b&gt; &amp; 品牌" in html and "<b>营销" not in html
    assert 'data-testid="needs-review-badge"' in html
    assert "区经济促进局" in html  # the lead unit of web_plan
    assert date_format(dt.date(2000, 1, 1)) in html and "text-danger" in html  # overdue
    assert 'data-testid="light-badge"' in html and 'aria-valuenow="40"' in html


def test_an_empty_table_says_so(db: None) -> None:
    assert 'data-testid="no-projects">没有 &lt;x&gt;' in project_table([], empty_text="没有 <x>")


def test_the_library_shows_its_page_of_rows(web_plan: Plan, client: Client, office_user: User) -> None:
    client.force_login(office_user)

    response = client.get(reverse("ledger:project_list"))

    html = response.content.decode()
    assert html.count('data-testid="project-row"') == Project.objects.filter(plan=web_plan).count()
