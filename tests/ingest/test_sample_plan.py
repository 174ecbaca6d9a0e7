"""Acceptance on the bundled sample plan, damaged as scraped (see shared/seeds/README.md).

The expected lead units come from the raw file by a deliberately simple extraction that shares
no code with the importer; the expected titles were read off the damaged bytes by hand.
"""

from __future__ import annotations

import datetime as dt
import re
from importlib import resources

import opencc
import pytest

from reformtrack.ingest import ParsedPlan, parse_file

SAMPLE = resources.files("reformtrack.ingest") / "data" / "luohu-reform-plan-2013-2015.txt"

# (chapter, item) -> the title as printed in the original. (6, 4) is left open: the bytes fit
# 承共建共享 exactly and no other reading is known for certain.
TITLES: dict[tuple[int, int], str | None] = {
    (2, 1): "强化“时尚罗湖”品牌营销",
    (2, 2): "大力发展总部经济",
    (2, 3): "加快拓展产业发展空间",
    (2, 4): "推进市场监管体系建设",
    (2, 5): "打出“诚信罗湖”旗帜",
    (2, 6): "优化政府投资项目管理",
    (2, 7): "提升公共财政服务水平",
    (2, 8): "探索集体经济发展新思路",
    (2, 9): "建立和完善自主创新的激励机制",
    (3, 1): "办人民满意的教育",
    (3, 2): "改革医疗卫生服务模式",
    (3, 3): "促进有质量的劳动就业",
    (3, 4): "加强对弱势群体的关爱和服务",
    (3, 5): "推动社区共建共治共享",
    (3, 6): "培育和规范社会组织",
    (3, 7): "加强和创新社会治理",
    (3, 8): "加快推进“织网工程”",
    (4, 1): "加快推进政府职能转变",
    (4, 2): "理顺基层管理体制",
    (4, 3): "继续深化行政审批制度改革",
    (4, 4): "创新公共服务机制",
    (4, 5): "改进行政执法工作",
    (4, 6): "提升政府行政效能",
    (5, 1): "创新宣传工作和舆情处置模式",
    (5, 2): "提升市民素质和城区文明水平",
    (5, 3): "完善公共文体服务体系",
    (5, 4): "探索壮大文化创意产业",
    (6, 1): "优化生态环境",
    (6, 2): "提高城市管理水平",
    (6, 3): "完善监督执法",
    (6, 4): None,
    (7, 1): "创新基层党建工作",
    (7, 2): "创新党代表任期制工作",
    (7, 3): "深化干部人事制度改革",
    (7, 4): "创新廉洁城区建设",
    (7, 5): "提高民主法治水平",
    (8, 1): "加强组织领导",
    (8, 2): "加强统筹协调",
    (8, 3): "加强激励监督",
}


@pytest.fixture(scope="module")
def plan() -> ParsedPlan:
    return parse_file(str(SAMPLE))


def printed_lead_units() -> list[list[str]]:
    """Every （牵头单位：…） of the raw file, in order, pinyin stripped and simplified."""
    raw = SAMPLE.read_text(encoding="utf-8")
    raw = re.sub(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]+\)", "", raw)
    t2s = opencc.OpenCC("t2s")
    out = []
    for m in re.finditer(r"\(牽頭單位:\s*(.*?)\)\s*$", raw, re.M):
        names = re.split(r"[、,，]", t2s.convert(m.group(1)).replace("〈", "（").replace("〉", "）"))
        out.append([n.strip() for n in names if n.strip()])
    return out


def test_it_finds_eight_chapters_with_36_projects_and_3_safeguards(plan: ParsedPlan) -> None:
    assert [c.number for c in plan.chapters] == list(range(1, 9))
    counts = [len(c.items) for c in plan.chapters]
    assert counts == [0, 9, 8, 6, 4, 4, 5, 3]
    assert sum(counts[1:7]) == 36
    assert plan.chapters[7].is_safeguards and plan.chapters[7].title == "保障措施"
    assert all(not item.lead_units for item in plan.chapters[7].items)


def test_it_reads_every_projects_lead_units_as_printed(plan: ParsedPlan) -> None:
    projects = [item for chapter in plan.chapters[1:7] for item in chapter.items]
    expected = printed_lead_units()

    assert len(expected) == 36
    assert [p.lead_units for p in projects] == expected
    distinct = {unit for units in expected for unit in units}
    assert len(distinct) == 40
    assert "区委（政府）办" in distinct  # printed 区委〈政府〉办


def test_it_recovers_most_titles_and_flags_every_title_it_is_unsure_of(plan: ParsedPlan) -> None:
    items = {(c.number, i.number): i for c in plan.chapters for i in c.items}
    assert set(items) == set(TITLES)
    exact = [key for key, title in TITLES.items() if title is not None and items[key].title == title]
    silently_wrong = [
        (key, items[key].title)
        for key, title in TITLES.items()
        if title is not None and items[key].title != title and not items[key].needs_review
    ]
    flagged = [key for key, item in items.items() if item.needs_review]

    assert len(exact) >= 36, exact
    assert silently_wrong == []
    assert len(flagged) <= 9, flagged
    assert all(items[key].review_reasons for key in flagged)
    # 承共建共享: the bytes fit readings with a dropped pair (倡行共建共享) exactly as well
    assert (6, 4) in flagged


def test_it_labels_every_item_in_sequence(plan: ParsedPlan) -> None:
    for chapter in plan.chapters:
        assert [item.number for item in chapter.items] == list(range(1, len(chapter.items) + 1))
        assert all(re.fullmatch(r"（[一二三四五六七八九十]+）", item.label) for item in chapter.items)


def test_it_finds_the_quantified_targets_and_few_false_ones(plan: ParsedPlan) -> None:
    real = {
        "打造2至3个网商集聚区",
        "培育5家以上销售额亿元级企业网商",
        "引进10家以上电子商务细分领域龙头企业或知名电子商务平台分支机构",
        "打造1至2家民营资本自运营科技产业园区",
        "83个社区",
        "聘请100名社会治安监督员",
        "选取1-2个街道",
        "满意度达95%以上",
    }
    found = {t.text for item in plan.items() for t in item.targets}
    for must in ("2至3个网商集聚区", "83个社区", "100名社会治安监督员", "满意度达95%以上"):
        assert any(must in text for text in found), must
    assert len(found - real) <= 3, found - real
    (satisfaction,) = [t for item in plan.items() for t in item.targets if t.subject == "满意度"]
    assert (satisfaction.min, satisfaction.max, satisfaction.unit) == (95, None, "%")


def test_it_resolves_the_printed_deadlines(plan: ParsedPlan) -> None:
    deadlines = {(m.deadline_text, m.deadline) for item in plan.items() for m in item.measures}

    assert ("2013年底前", dt.date(2013, 12, 31)) in deadlines
    assert ("2014年上半年", dt.date(2014, 6, 30)) in deadlines


def test_it_reads_the_metadata(plan: ParsedPlan) -> None:
    assert plan.title == "深圳市罗湖区全面推进改革创新总体方案（2013—2015年）"
    assert plan.doc_number == "罗发〔2013〕3号"
    assert plan.issued == dt.date(2013, 5, 20)
    assert (plan.period_start, plan.period_end) == (2013, 2015)


def test_it_leaves_no_traditional_characters_pinyin_or_ascii_punctuation(plan: ParsedPlan) -> None:
    text = plan.text
    assert "羅" not in text and "區" not in text and "務" not in text
    assert not re.search(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùü]+\)", text)
    assert "（牵头单位：" in text and "(牵头单位:" not in text
    assert "着力" in text and "著力" not in text
