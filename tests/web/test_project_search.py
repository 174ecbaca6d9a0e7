"""Search of the project library by Chinese words: jieba cuts the query, every word must appear."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from reformtrack.ledger.filtersets import search_words
from reformtrack.ledger.models import Plan, Project
from reformtrack.web.templatetags._rows import highlight, snippet

pytestmark = pytest.mark.django_db

BuildPlan = Callable[..., Plan]


def titles(client: Client, **params: str) -> list[str]:
    response = client.get(reverse("ledger:project_list"), params)
    assert response.status_code == 200
    return [row.project.title for row in response.context["rows"]]


@pytest.fixture
def library(big_plan: BuildPlan, client: Client, office_user: User) -> Client:
    big_plan(8)  # one project per title of conftest.TITLES
    client.force_login(office_user)
    return client


def test_it_cuts_a_query_into_words() -> None:
    assert search_words("优化环境") == ["优化", "环境"]
    assert search_words("  品牌营销 的 ") == ["品牌", "营销"]
    assert search_words("营销，营销") == ["营销"]


def test_it_keeps_a_query_of_stop_words_whole() -> None:
    assert search_words("的") == ["的"]
    assert search_words("   ") == []


def test_it_finds_a_word_inside_a_longer_word(library: Client) -> None:
    assert titles(library, q="营销") == ["推进品牌营销第1项"]


def test_it_finds_words_that_are_apart_in_the_title(library: Client) -> None:
    assert titles(library, q="优化环境") == ["优化生态环境第2项"]


def test_it_needs_every_word(library: Client) -> None:
    assert titles(library, q="优化营销") == []


def test_it_searches_the_text_too(library: Client) -> None:
    Project.objects.filter(title__startswith="建设智慧城市").update(text="推进政务数据共享。")

    assert titles(library, q="数据共享") == ["建设智慧城市第8项"]


def test_it_shows_the_words_it_searched_for(library: Client) -> None:
    response = library.get(reverse("ledger:project_list"), {"q": "优化环境"})

    assert response.context["search_words"] == ["优化", "环境"]
    assert "<mark>优化</mark>" in response.content.decode()


def test_it_says_so_when_nothing_matches(library: Client) -> None:
    response = library.get(reverse("ledger:project_list"), {"q": "航天"})

    assert 'data-testid="no-projects"' in response.content.decode()


def test_it_searches_only_the_projects_the_user_may_see(
    big_plan: BuildPlan, client: Client, outsider_clerk: User
) -> None:
    big_plan(8)
    client.force_login(outsider_clerk)

    assert titles(client, q="营销") == []


def test_it_marks_the_words_in_the_title_and_shows_where_the_text_matched(library: Client) -> None:
    project = Project.objects.get(title="推进品牌营销第1项")
    text = "前言" * 30 + "依托电子商务平台开展品牌营销活动，" + "后文" * 40
    Project.objects.filter(pk=project.pk).update(text=text)

    page = library.get(reverse("ledger:project_list"), {"q": "营销平台"}).content.decode()

    assert "推进品牌<mark>营销</mark>第1项" in page
    snippet = page[page.index('data-testid="search-snippet"') :]
    snippet = snippet[snippet.index(">") + 1 : snippet.index("</div>")]
    assert snippet.startswith("…") and snippet.endswith("…")  # cut out of a long text
    assert "电子商务<mark>平台</mark>开展品牌<mark>营销</mark>活动" in snippet


def test_the_snippet_escapes_the_text_and_marks_across_case() -> None:
    assert highlight("<b>Reform</b> 改革", ["reform"]) == "&lt;b&gt;<mark>Reform</mark>&lt;/b&gt; 改革"
    assert highlight("营销营销", ["营销", "销营"]) == "<mark>营销营销</mark>"  # overlaps merged
    assert snippet("没有这个词", ["营销"]) == ""
    assert snippet("短文营销", ["营销"]) == "短文<mark>营销</mark>"
