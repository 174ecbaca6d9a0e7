"""The challenge: a question in Chinese words and digits (no image), answered in digits or words,
checked against a signed token, good for one try; a wrong answer is refused."""

from __future__ import annotations

import pytest

from reformtrack.ledger.models import Project
from reformtrack.ratings.challenge import challenge_check, challenge_new, read_answer
from reformtrack.ratings.errors import RatingRefused
from reformtrack.ratings.models import Rating

from .conftest import Rate, Submit, solved


def test_the_question_is_text_in_words_and_digits() -> None:
    question = challenge_new().question

    assert "加" in question and "等于几" in question and "+" in question
    assert any(word in question for word in "一二三四五六七八九")


def test_answers_in_digits_full_width_and_words_are_read() -> None:
    assert [read_answer(text) for text in ("12", "１２", "十二", " 8 ", "二十", "abc")] == [
        12,
        12,
        12,
        8,
        20,
        None,
    ]


def test_a_token_is_good_for_one_try() -> None:
    token, answer = solved()

    assert challenge_check(token, answer)
    assert not challenge_check(token, answer)


def test_a_wrong_answer_and_a_forged_token_are_refused() -> None:
    token, answer = solved()
    assert not challenge_check(token, str(int(answer) + 1))
    assert not challenge_check(token + "x", answer)


def test_the_service_refuses_a_wrong_answer(public_project: Project, submit: Submit) -> None:
    token, answer = solved()
    with pytest.raises(RatingRefused):
        submit(public_project, challenge_token=token, challenge_answer=str(int(answer) + 1))

    assert not Rating.objects.exists()


def test_the_page_asks_a_new_question_after_a_wrong_answer(public_project: Project, rate: Rate) -> None:
    token, answer = solved()
    response = rate(public_project, challenge_token=token, challenge_answer=str(int(answer) + 1))
    page = response.content.decode()

    assert response.status_code == 400
    assert token not in page and "等于几" in page
    assert "<img" not in page
