"""A comment with a word the office lists waits for moderation, flagged, even where clean comments
are published at once; a removed word no longer flags."""

from __future__ import annotations

from django.contrib.auth.models import User

from reformtrack.ledger.models import Project
from reformtrack.ratings.models import CommentStatus
from reformtrack.ratings.services import settings_of, word_add, word_remove

from .conftest import Submit


def test_a_listed_word_holds_the_comment_flagged(
    public_project: Project, submit: Submit, office_user: User
) -> None:
    rules = settings_of()
    rules.auto_publish = True
    rules.save()
    word_add(by=office_user, word="骗子")

    clean = submit(public_project, cookie="a", comment="服务很好")
    flagged = submit(public_project, cookie="b", comment="窗口的人是骗子")

    assert clean.status == CommentStatus.PUBLISHED and not clean.flagged
    assert flagged.status == CommentStatus.PENDING and flagged.flagged_words == "骗子"


def test_without_automatic_publication_every_comment_waits(public_project: Project, submit: Submit) -> None:
    assert submit(public_project, comment="服务很好").status == CommentStatus.PENDING
    assert submit(public_project, cookie="b").status == CommentStatus.NONE  # a score alone


def test_a_removed_word_no_longer_flags(public_project: Project, submit: Submit, office_user: User) -> None:
    word = word_add(by=office_user, word="骗子")
    word_remove(by=office_user, word=word)

    assert not submit(public_project, comment="骗子").flagged
    assert word.history.count() == 2
