"""History reasons are stored as codes and worded in the reader's language when shown."""

from __future__ import annotations

import pytest
from django.utils import translation

from reformtrack.core.change_reasons import FIXED, change_reason_text
from reformtrack.reporting.models import ProgressReport, ReportingCycle


@pytest.mark.parametrize("code", sorted(FIXED))
def test_every_fixed_code_reads_chinese(code: str) -> None:
    with translation.override("zh-hans"):
        text = change_reason_text(code)

    assert text != code
    assert not any("a" <= ch.lower() <= "z" for ch in text), text


def test_it_words_the_old_english_rows_with_their_parameters() -> None:
    with translation.override("zh-hans"):
        assert change_reason_text("submitted") == "提交"
        assert change_reason_text("saved done, problems", ProgressReport) == "保存：工作进展、存在问题"
        assert change_reason_text("changed name, grace_days", ReportingCycle).startswith("修改：")
        assert change_reason_text("moved from 区发改局") == "从区发改局并入"
        assert change_reason_text("weight 1→2: 区委决定") == "权重 1→2：区委决定"
        assert change_reason_text("merged into 区发改局: 机构改革") == "并入区发改局：机构改革"
        assert change_reason_text("merged 区物价局 into it") == "区物价局并入本单位"
        assert change_reason_text("renamed from 区科技局") == "由区科技局更名"


def test_it_shows_english_in_english_and_typed_text_as_typed() -> None:
    with translation.override("en"):
        assert change_reason_text("submitted") == "submitted"
        assert change_reason_text("saved done", ProgressReport) == "saved: what was done"
    with translation.override("zh-hans"):
        assert change_reason_text("逾期未整改") == "逾期未整改"
