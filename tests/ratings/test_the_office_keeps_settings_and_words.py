"""The office keeps the ratings' settings and the sensitive words on their pages, with history;
a word removed stays in the table, archived."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from reformtrack.ratings.models import SensitiveWord
from reformtrack.ratings.services import settings_of


def test_the_office_saves_the_settings(office_user: User, client: Client) -> None:
    client.force_login(office_user)
    data = {
        "consent_text": "我们保存您的评分。",
        "retention_days": "90",
        "phone_required": "on",
        "sms_signature": "罗湖改革办",
        "auto_publish": "",
    }

    assert client.post(reverse("ratings:settings"), data).status_code == 302
    assert client.post(reverse("ratings:settings"), {**data, "retention_days": "0"}).status_code == 400

    rules = settings_of()
    assert (rules.consent_text, rules.retention_days, rules.phone_required, rules.auto_publish) == (
        "我们保存您的评分。",
        90,
        True,
        False,
    )
    assert rules.history.latest("history_date").history_user == office_user


def test_the_office_lists_and_removes_words(office_user: User, client: Client) -> None:
    client.force_login(office_user)

    assert client.post(reverse("ratings:words"), {"word": " 骗子 "}).status_code == 302
    word = SensitiveWord.objects.get()
    assert word.word == "骗子" and "骗子" in client.get(reverse("ratings:words")).content.decode()

    assert client.post(reverse("ratings:word_remove", args=[word.pk])).status_code == 302
    word.refresh_from_db()
    assert word.archived_at is not None
    assert "骗子" not in client.get(reverse("ratings:words")).content.decode()
