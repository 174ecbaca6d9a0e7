"""The decision pages: recorded from the accountability list, listed with filters at a constant
query count, read by the unit alone (another unit's is 404), printed as an official .docx, and
listed in the bulletin of their period."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, timezone
from docx import Document

from reformtrack.core.official_docx import chinese_date
from reformtrack.ledger.models import Unit
from reformtrack.supervision.bulletin import PrintedBulletin, bulletin_sections
from reformtrack.supervision.bulletin_docx import bulletin_docx
from reformtrack.supervision.decision_docx import decision_docx
from reformtrack.supervision.decision_selectors import decision_of
from reformtrack.supervision.decision_services import decision_record, decision_revoke
from reformtrack.supervision.models import Decision

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from reformtrack.ledger.models import Project

    from .conftest import IssueOrder

pytestmark = pytest.mark.django_db


def _record(by: User, unit: Unit, **overrides: Any) -> Decision:
    values: dict[str, Any] = {
        "by": by,
        "kind": "criticism",
        "unit": unit,
        "reason": "改革项目逾期未完成",
        "points": Decimal("-2"),
        **overrides,
    }
    return decision_record(**values)


def test_the_supervision_office_records_a_criticism_from_the_accountability_list(
    client: Client, supervision_user: User, own_unit: Unit, project: Project, issue: IssueOrder
) -> None:
    order = issue(unit=own_unit, project=project, response_due=dt.date(2014, 2, 1))
    client.force_login(supervision_user)
    listed = client.get(reverse("supervision:accountability")).content.decode()
    new = f"{reverse('supervision:decision_new')}?unit={own_unit.pk}"
    assert new in listed

    form = client.get(new)
    assert order.number in form.content.decode()
    response = client.post(
        new,
        {
            "unit": own_unit.pk,
            "kind": "criticism",
            "from_record": "on",
            "projects": [project.pk],
            "reason": "督办单逾期未回复",
            "evidence": "经核查属实",
            "points": "-2.5",
        },
    )

    decision = Decision.objects.get()
    assert response.status_code == 302 and response["Location"] == decision.get_absolute_url()
    assert (decision.kind, decision.issuing_office, decision.points) == (
        "criticism",
        "supervision",
        Decimal("-2.5"),
    )
    assert [o["number"] for o in decision.record["unanswered_orders"]] == [order.number]
    assert list(decision.projects.all()) == [project]


def test_a_rectification_without_a_deadline_is_sent_back(
    client: Client, office_user: User, own_unit: Unit
) -> None:
    client.force_login(office_user)

    response = client.post(
        reverse("supervision:decision_new"),
        {"unit": own_unit.pk, "kind": "rectification", "reason": "滞后", "points": "-3"},
    )

    assert response.status_code == 400
    assert "责令整改时必填" in response.content.decode()
    assert not Decision.objects.exists()


def test_a_unit_lists_its_own_decisions_and_another_units_is_404(
    client: Client, office_user: User, clerk_user: User, own_unit: Unit, other_unit: Unit
) -> None:
    own = _record(office_user, own_unit)
    other = _record(office_user, other_unit, kind="commendation", points=Decimal("2"))
    client.force_login(clerk_user)

    listed = client.get(reverse("supervision:decision_list")).content.decode()

    assert own.number in listed and other.number not in listed
    assert client.get(own.get_absolute_url()).status_code == 200
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.get(reverse("supervision:decision_docx", args=[other.pk])).status_code == 404
    answer = client.post(reverse("supervision:decision_answer", args=[other.pk]), {"text": "回复"})
    assert answer.status_code == 404
    assert Decision.objects.get(pk=other.pk).status == "issued"


def test_the_list_filters_by_kind_unit_status_and_year(
    client: Client, office_user: User, own_unit: Unit, other_unit: Unit
) -> None:
    criticism = _record(office_user, own_unit)
    praise = _record(office_user, other_unit, kind="commendation", points=Decimal("2"))
    revoked = _record(office_user, other_unit)
    decision_revoke(by=office_user, decision=revoked, reason="误发")
    client.force_login(office_user)
    url = reverse("supervision:decision_list")
    year = timezone.localdate().year

    def shown(**query: Any) -> set[str]:
        page = client.get(url, query).context["page"]
        return {decision.number for decision in page.object_list}

    assert shown() == {criticism.number, praise.number, revoked.number}
    assert shown(kind="commendation") == {praise.number}
    assert shown(unit=own_unit.pk) == {criticism.number}
    assert shown(status="revoked") == {revoked.number}
    assert shown(year=year - 1) == set()
    assert shown(year=year, kind="criticism", status="issued") == {criticism.number}


def test_the_list_costs_the_same_queries_for_3_and_60_decisions(
    client: Client, office_user: User, own_unit: Unit, other_unit: Unit
) -> None:
    client.force_login(office_user)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("supervision:decision_list")).status_code == 200
        return len(captured)

    for unit in (own_unit, other_unit, own_unit):
        _record(office_user, unit)
    small = queries()
    for i in range(57):
        _record(office_user, own_unit if i % 2 else other_unit)
    large = queries()

    assert small == large, f"{small} queries for 3 decisions, {large} for 60"


def test_a_decisions_page_costs_the_same_with_many_projects_and_follow_ups(
    client: Client, office_user: User, own_unit: Unit, project: Project, django_assert_max_num_queries: Any
) -> None:
    decision = _record(
        office_user,
        own_unit,
        kind="rectification",
        points=Decimal("-3"),
        deadline=timezone.localdate() + dt.timedelta(days=10),
        projects=[project],
    )
    client.force_login(office_user)

    with django_assert_max_num_queries(14):
        assert client.get(decision.get_absolute_url()).status_code == 200


def _docx_text(content: bytes) -> list[str]:
    return [paragraph.text for paragraph in Document(io.BytesIO(content)).paragraphs if paragraph.text]


def test_a_rectification_prints_as_an_official_document(
    office_user: User, own_unit: Unit, project: Project, issue: IssueOrder, client: Client
) -> None:
    from reformtrack.supervision.selectors import accountability_records

    order = issue(unit=own_unit, project=project, response_due=dt.date(2014, 2, 1))
    deadline = timezone.localdate() + dt.timedelta(days=30)
    decision = _record(
        office_user,
        own_unit,
        kind="rectification",
        points=Decimal("-3"),
        deadline=deadline,
        record=accountability_records()[0],
        projects=[project],
    )
    found = decision_of(office_user, decision.pk)
    assert found is not None

    paragraphs = _docx_text(decision_docx(found))

    assert paragraphs[:3] == [
        "区全面深化改革领导小组办公室",
        decision.number,
        f"关于责令{own_unit.name}限期整改的决定",
    ]
    assert f"{own_unit.name}：" in paragraphs
    assert f"经研究，决定对{own_unit.name}责令限期整改，在年度考核中扣3分。" in paragraphs
    assert (
        f"请于{chinese_date(deadline)}前完成整改，并将整改情况书面报送区全面深化改革领导小组办公室。"
        in paragraphs
    )
    assert any(order.number in text for text in paragraphs)
    assert chinese_date(decision.decided_on) in paragraphs
    client.force_login(office_user)
    response = client.get(reverse("supervision:decision_docx", args=[decision.pk]))
    assert _docx_text(response.content) == paragraphs


def test_the_bulletin_lists_the_periods_decisions_without_the_revoked(
    office_user: User, own_unit: Unit, other_unit: Unit
) -> None:
    praise = _record(office_user, own_unit, kind="commendation", points=Decimal("2"))
    criticism = _record(office_user, other_unit, points=Decimal("-1.5"))
    revoked = _record(office_user, other_unit)
    decision_revoke(by=office_user, decision=revoked, reason="误发")
    today = timezone.localdate()

    sections = bulletin_sections(start=today.replace(day=1), end=today, today=today)

    section = sections[-1]
    assert section.heading == "表扬与问责决定"
    assert section.paragraphs == ["本期作出表扬与问责决定2件。"]
    assert section.rows == [
        [praise.number, own_unit.name, "予以通报表扬", "在年度考核中加2分", chinese_date(today)],
        [criticism.number, other_unit.name, "予以通报批评", "在年度考核中扣1.5分", chinese_date(today)],
    ]
    printed = bulletin_docx(PrintedBulletin("督查通报", "督查通报〔2014〕3号", today, sections))
    document = Document(io.BytesIO(printed))
    assert "十、表扬与问责决定" in [paragraph.text for paragraph in document.paragraphs]
    cells = [[cell.text for cell in row.cells] for row in document.tables[-1].rows]
    assert cells[1:] == section.rows
    earlier = bulletin_sections(start=dt.date(2014, 1, 1), end=dt.date(2014, 6, 30), today=today)
    assert earlier[-1].paragraphs == ["本期无。"] and not earlier[-1].rows


def test_the_decisions_page_shows_the_deadline_as_dates_are_shown(
    client: Client, office_user: User, own_unit: Unit
) -> None:
    deadline = timezone.localdate() + dt.timedelta(days=20)
    decision = _record(office_user, own_unit, kind="rectification", points=Decimal("-3"), deadline=deadline)
    client.force_login(office_user)

    page = client.get(decision.get_absolute_url()).content.decode()

    assert formats.date_format(deadline) in page
    assert "-3.0" in page


def test_a_decision_by_hand_starts_from_choosing_the_unit_and_keeps_no_record(
    client: Client, office_user: User, other_unit: Unit, other_project: Project
) -> None:
    client.force_login(office_user)
    start = client.get(reverse("supervision:decision_new"))
    assert start.status_code == 200 and 'name="unit"' in start.content.decode()

    form = client.get(reverse("supervision:decision_new"), {"unit": other_unit.pk}, follow=True)
    assert "from_record" not in form.context["form"].fields  # the unit is not on the list
    response = client.post(
        reverse("supervision:decision_new"),
        {
            "unit": other_unit.pk,
            "kind": "commendation",
            "projects": [other_project.pk],
            "reason": "提前完成改革任务",
            "points": "3",
        },
    )

    decision = Decision.objects.get()
    assert response.status_code == 302
    assert (decision.kind, decision.record, decision.points) == ("commendation", {}, Decimal("3"))
    assert list(decision.projects.all()) == [other_project]
