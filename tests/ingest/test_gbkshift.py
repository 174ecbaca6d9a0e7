"""The shifted-GBK model: the forward damage and its undoing on single runs."""

from __future__ import annotations

from importlib import resources

import opencc
import pytest

from reformtrack.ingest import gbkshift, marks, mojibake
from reformtrack.ingest.charlm import CharLM

SAMPLE = resources.files("reformtrack.ingest") / "data" / "luohu-reform-plan-2013-2015.txt"


@pytest.fixture(scope="module")
def lm() -> CharLM:
    """The model repair builds for the sample: the dictionary plus the document's own text."""
    return CharLM([marks.simplified(mojibake._model_text(SAMPLE.read_text(encoding="utf-8")))])


def damage(traditional: str) -> str:
    """A paragraph whose opening full-width space lost its first byte, read as GBK."""
    return gbkshift.decode_damaged(b"\xa1" + traditional.encode("gbk"))


def test_it_reproduces_the_damage_of_the_sample_exactly() -> None:
    raw = SAMPLE.read_text(encoding="utf-8").split("\n")
    first_item = raw[8]

    assert first_item.startswith("?" + damage("（一）強化“時尚羅湖”品牌營銷。"))


def test_it_drops_undefined_pairs_and_swallows_an_ascii_byte_after_a_lead() -> None:
    assert gbkshift.decode_damaged(b"\xa1\xa3\xa8\xc1\xf9\xa3\xa9\x83") == "。﹥"  # A8C1, F9A3 dropped
    assert gbkshift.decode_damaged(b"\x9e(yu)") == "?yu)"
    assert gbkshift.decode_damaged("ｘ".encode("gbk")) == "x"  # full-width folded


def test_it_reads_a_shifted_run_back_in_step(lm: CharLM) -> None:
    observed = damage("（二）大力發展總部經濟")
    junk, end = observed[: observed.index("l")], "l"

    rec = gbkshift.recover(junk, start="paragraph", end=end, left="", right="展总", lm=lm)

    assert rec is not None
    # The words come back; the label's numeral alone is open (the importer passes the label
    # the numbering expects, see the next test).
    assert rec.text.endswith("大力發")


def test_it_fills_a_lost_lead_byte_from_the_bytes_that_remain(lm: CharLM) -> None:
    # 學校績效評估 with the lead byte of 校 replaced by '?': the rest reads one step over.
    rec = gbkshift.recover("?冃г", start="lost-lead", end="u", left="的学", right="估体", lm=lm)

    assert rec is not None
    assert rec.text == "校績效評"


def test_it_takes_the_expected_item_label_when_the_bytes_allow_it(lm: CharLM) -> None:
    # （六） lost four bytes to two dropped pairs: only 。 and ﹥ remain of it.
    rec = gbkshift.recover("。﹥", start="paragraph", end="?", left="", right="化政", lm=lm, prefix="（六）")

    assert rec is not None
    assert rec.text.startswith("（六）")


def test_it_reports_doubt_when_another_reading_fits_as_well(lm: CharLM) -> None:
    # 优化投资 and 优化政府投资 give the same bytes once 政府 is lost to dropped pairs.
    observed = damage("（六）優化政府投資項目")
    junk, end = observed[: observed.index("Y")], "Y"

    rec = gbkshift.recover(junk, start="paragraph", end=end, left="", right="项目", lm=lm, prefix="（六）")

    assert rec is not None
    chosen = opencc.OpenCC("t2s").convert(rec.text)
    assert chosen == "（六）优化政府投资" or rec.doubtful


def test_it_gives_up_when_no_reading_fits(lm: CharLM) -> None:
    assert gbkshift.recover("€", start="paragraph", end="r", left="", right="", lm=lm) is None
    assert gbkshift.recover("。", start="paragraph", end="\x01", left="", right="", lm=lm) is None


def test_it_never_proposes_a_simplified_only_character_in_traditional_text() -> None:
    observed = damage("（一）強化“時尚羅湖”")
    junk = observed[: observed.index("r")]
    plain = CharLM()

    anything = gbkshift.recover(junk, start="paragraph", end="r", left="", right="尚罗", lm=plain)
    traditional = gbkshift.recover(
        junk, start="paragraph", end="r", left="", right="尚罗", lm=plain, traditional=True
    )

    assert anything is not None and traditional is not None
    assert "话" in anything.text  # 强话 reads well and fits the bytes...
    assert "话" not in traditional.text  # ...but a traditional text would hold 話


def test_its_gbk_table_holds_exactly_the_pairs_gbk_decodes_one_by_one() -> None:
    # The table is decoded a row at a time (gbkcodes._defined_pairs); pair by pair is the definition.
    from reformtrack.ingest.gbkcodes import PRIVATE_USE, tables

    expected: dict[int, str] = {}
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            try:
                ch = bytes((lead, trail)).decode("gbk")
            except UnicodeDecodeError:
                continue
            if trail != 0x7F and len(ch) == 1 and ord(ch) not in PRIVATE_USE:
                expected[lead << 8 | trail] = ch
    assert tables().chars == expected
