"""The order form is opened for one project: found by its title, or from the project's page; it
offers that project's measures only and addresses its lead unit unless told otherwise."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from django.test import Client
from django.urls import reverse

from reformtrack.ledger.models import Measure, Project, Unit
from reformtrack.supervision.models import SupervisionOrder

if TYPE_CHECKING:
    from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db

ORDER = {"grade": "blue", "reason": "临近时限", "requirements": "按期完成", "response_due": "2014-08-01"}


def test_it_finds_the_project_by_words_of_its_title(
    project: Project, other_project: Project, client: Client, office_user: User
) -> None:
    client.force_login(office_user)

    page = client.get(reverse("supervision:order_issue"), {"q": project.title}).content.decode()

    assert f'href="?project={project.pk}"' in page
    assert 'data-testid="order-issue-form"' not in page  # no form before a project is chosen
    none = client.get(reverse("supervision:order_issue"), {"q": "不存在的项目名称"}).content.decode()
    assert 'data-testid="order-project-none"' in none


def test_it_offers_only_the_projects_measures_and_its_lead_unit_first(
    project: Project, other_project: Project, own_unit: Unit, client: Client, office_user: User
) -> None:
    Measure.objects.create(project=other_project, text="别的项目的举措", position=9)
    client.force_login(office_user)

    response = client.get(reverse("supervision:order_issue"), {"project": project.pk})

    form = response.context["form"]
    assert list(form.fields["measure"].queryset) == list(project.measures.all())
    assert form.initial["unit"] == own_unit.pk
    assert "别的项目的举措" not in response.content.decode()
    assert str(project.measures.get().text) in response.content.decode()


def test_it_issues_for_the_chosen_project(
    project: Project, own_unit: Unit, client: Client, office_user: User
) -> None:
    client.force_login(office_user)
    measure = project.measures.get()

    response = client.post(
        reverse("supervision:order_issue"),
        {**ORDER, "project": project.pk, "measure": measure.pk, "unit": own_unit.pk},
    )

    order = SupervisionOrder.objects.get()
    assert response.status_code == 302 and (order.project, order.measure) == (project, measure)


def test_it_refuses_a_measure_of_another_project_and_a_missing_project(
    project: Project, other_project: Project, own_unit: Unit, client: Client, office_user: User
) -> None:
    stranger = Measure.objects.create(project=other_project, text="别的项目的举措", position=9)
    client.force_login(office_user)

    wrong = client.post(
        reverse("supervision:order_issue"),
        {**ORDER, "project": project.pk, "measure": stranger.pk, "unit": own_unit.pk},
    )
    missing = client.post(reverse("supervision:order_issue"), {**ORDER, "unit": own_unit.pk})

    assert wrong.status_code == missing.status_code == 400
    assert "请选择督办的项目。" in missing.content.decode()
    assert not SupervisionOrder.objects.exists()


def test_the_project_page_links_issuers_and_the_lead_unit_to_the_follow_through(
    project: Project, client: Client, office_user: User, clerk_user: User, counit_user: User
) -> None:
    url = reverse("web:project_detail", args=[project.pk])
    pages = {}
    for user in (office_user, clerk_user, counit_user):
        client.force_login(user)
        pages[user.username] = client.get(url).content.decode()

    issue = f"{reverse('supervision:order_issue')}?project={project.pk}"
    extension = reverse("supervision:extension_request", args=[project.pk])
    assert issue in pages[office_user.username] and extension not in pages[office_user.username]
    assert extension in pages[clerk_user.username] and issue not in pages[clerk_user.username]
    assert issue not in pages[counit_user.username] and extension not in pages[counit_user.username]
