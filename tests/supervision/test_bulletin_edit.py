"""A draft's headings and paragraphs are edited with its version; a stale save is refused."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from django.test import Client
from django.urls import reverse

from reformtrack.supervision.errors import ConcurrentBulletinEdit, SupervisionError
from reformtrack.supervision.models import Bulletin
from reformtrack.supervision.services import bulletin_edit, bulletin_issue

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from reformtrack.ledger.models import Project

    from .conftest import MakeBulletin

pytestmark = pytest.mark.django_db


def texts(bulletin: Bulletin) -> list[tuple[str, list[str]]]:
    return [(section["heading"], list(section["paragraphs"])) for section in bulletin.sections]


def test_an_edit_changes_text_and_keeps_the_tables(
    project: Project, make_bulletin: MakeBulletin, office_user: User
) -> None:
    bulletin = make_bulletin()
    tables = [(s["header"], s["rows"]) for s in bulletin.sections]
    edited = texts(bulletin)
    edited[0] = ("总体情况和主要成效", ["第一段。", "第二段。"])

    saved = bulletin_edit(
        by=office_user, bulletin=bulletin, version=bulletin.version, title="一季度通报", texts=edited
    )

    assert saved.title == "一季度通报" and saved.version == bulletin.version
    assert saved.sections[0]["heading"] == "总体情况和主要成效"
    assert saved.sections[0]["paragraphs"] == ["第一段。", "第二段。"]
    assert [(s["header"], s["rows"]) for s in saved.sections] == tables
    assert saved.history.first().history_user == office_user


def test_a_stale_save_is_refused_naming_who_saved_first(
    project: Project, make_bulletin: MakeBulletin, office_user: User, supervision_user: User
) -> None:
    bulletin = make_bulletin()
    opened_at = bulletin.version
    bulletin_edit(
        by=supervision_user, bulletin=bulletin, version=opened_at, title="督查室改的", texts=texts(bulletin)
    )

    with pytest.raises(ConcurrentBulletinEdit) as refused:
        bulletin_edit(
            by=office_user, bulletin=bulletin, version=opened_at, title="办公室改的", texts=texts(bulletin)
        )

    assert refused.value.saved_by == supervision_user
    assert Bulletin.objects.get(pk=bulletin.pk).title == "督查室改的"


def test_the_page_keeps_the_input_of_a_stale_save(
    project: Project, make_bulletin: MakeBulletin, office_user: User, supervision_user: User, client: Client
) -> None:
    bulletin = make_bulletin()
    opened_at = bulletin.version
    bulletin_edit(
        by=supervision_user, bulletin=bulletin, version=opened_at, title="督查室改的", texts=texts(bulletin)
    )
    client.force_login(office_user)
    data = {"version": str(opened_at), "title": "办公室改的"}
    for i, (heading, paragraphs) in enumerate(texts(bulletin)):
        data[f"heading_{i}"] = heading
        data[f"paragraphs_{i}"] = "\n".join(paragraphs)
    data["paragraphs_0"] = "我写的一段话。"

    response = client.post(reverse("supervision:bulletin_edit", args=[bulletin.pk]), data)

    html = response.content.decode()
    assert response.status_code == 409
    assert supervision_user.get_username() in html
    assert "我写的一段话。" in html and 'value="办公室改的"' in html


def test_an_issued_bulletin_is_no_longer_editable(
    project: Project, make_bulletin: MakeBulletin, office_user: User
) -> None:
    draft = make_bulletin()
    bulletin = bulletin_issue(by=office_user, bulletin=draft, version=draft.version)

    with pytest.raises(SupervisionError):
        bulletin_edit(
            by=office_user, bulletin=bulletin, version=bulletin.version, title="改", texts=texts(bulletin)
        )
