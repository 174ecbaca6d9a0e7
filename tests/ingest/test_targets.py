"""Targets: quantified aims found in measure text, and numbers that are not aims left alone."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reformtrack.ingest.build import build_plan
from reformtrack.ingest.targets import find_targets
from reformtrack.ingest.timeframes import PlanPeriod

FIXTURES = Path(__file__).parents[1] / "fixtures" / "plans"
LUOHU = PlanPeriod(start_year=2013, end_year=2015, issued=dt.date(2013, 5, 20))


@pytest.mark.parametrize(
    ("text", "phrase", "subject", "low", "high", "unit"),
    [
        ("引导企业集群发展，打造2至3个网商集聚区，", "打造2至3个网商集聚区", "网商集聚区", 2, 3, "个"),
        ("选取1-2个街道作为试点", "选取1-2个街道", "街道", 1, 2, "个"),
        (
            "培育5家以上销售额亿元级企业网商",
            "培育5家以上销售额亿元级企业网商",
            "销售额亿元级企业网商",
            5,
            None,
            "家",
        ),
        ("为全区83个社区搭建社区子网站", "83个社区", "社区", 83, 83, "个"),
        ("从社会各界聘请100名社会治安监督员", "聘请100名社会治安监督员", "社会治安监督员", 100, 100, "名"),
        ("力争全区作风建设满意度达95%以上", "满意度达95%以上", "满意度", 95, None, "%"),
        ("群众满意度不低于90%", "满意度不低于90%", "满意度", 90, None, "%"),
        ("地区生产总值达到5000亿元", "地区生产总值达到5000亿元", "地区生产总值", 5000, 5000, "亿元"),
        ("全区失业率控制在3%以内", "失业率控制在3%以内", "失业率", None, 3, "%"),
        ("二是提高城镇化率到60%", "城镇化率到60%", "城镇化率", 60, 60, "%"),
        # the share's whole name, not its last word
        ("提高收益上缴比例至30%", "收益上缴比例至30%", "收益上缴比例", 30, 30, "%"),
        ("年内完成2家企业合并", "完成2家企业合并", "企业合并", 2, 2, "家"),
        ("新建社区服务中心10个", "新建社区服务中心10个", "社区服务中心", 10, 10, "个"),
        ("新建三所幼儿园", "新建三所幼儿园", "幼儿园", 3, 3, "所"),
        ("建设两个创新中心", "建设两个创新中心", "创新中心", 2, 2, "个"),
        ("审批时间压缩至60个工作日以内", "审批时间压缩至60个工作日以内", "审批时间", None, 60, "个工作日"),
        # a change from the baseline: ledger.achievement reads its form from the verb
        ("行政审批事项压减30%", "行政审批事项压减30%", "行政审批事项压减", 30, 30, "%"),
    ],
)
def test_it_reads_a_quantified_aim(
    text: str, phrase: str, subject: str, low: float | None, high: float | None, unit: str
) -> None:
    (target,) = find_targets(text)
    assert (target.text, target.subject, target.min, target.max, target.unit) == (
        phrase,
        subject,
        low,
        high,
        unit,
    )


def test_it_reads_several_targets_in_printed_order() -> None:
    text = (
        "打造2至3个网商集聚区，培育5家以上企业网商，"
        "引进10家以上电子商务细分领域龙头企业或知名电子商务平台分支机构"
    )
    targets = find_targets(text)
    assert [t.min for t in targets] == [2, 5, 10]
    assert targets[2].subject.startswith("电子商务细分领域龙头企业")


@pytest.mark.parametrize(
    "text",
    [
        "在国内首创区级PM2.5检测机制",
        "实行24小时实时监控",
        "在东门实行“24小时执法”",
        "建立区—街道—社区三级家暴防护机制",
        "组织落实我区作风建设“1+8”文件",
        "推动“93—267”（大中华）地块项目建设",
        "制定出台《创建平安罗湖实施方案（2012—2022年）》",
        "全面贯彻党的十八大精神",
        "第一时间回应社会关切",
        "建设“一中心、两基地”",
        "探索建立“五支人才队伍”培训模式",
        "根据罗发〔2013〕3号文件",
        "（2013年5月20日）",
        "创建“95%满意工程”",
        "在传统、新兴两个媒体平台上实现宣传引导",
        "明确一名改革分管领导",
        "严格执行中央八项规定",
        "按30%的比例配套",
        "6个月内完成",
    ],
)
def test_it_ignores_numbers_that_are_not_aims(text: str) -> None:
    assert find_targets(text) == []


def test_it_gives_a_target_the_measure_deadline() -> None:
    (target,) = find_targets("打造2至3个网商集聚区", period=LUOHU, deadline=dt.date(2013, 12, 31))
    assert target.deadline == dt.date(2013, 12, 31)


def test_it_prefers_a_deadline_in_the_targets_own_clause() -> None:
    text = "2014年上半年形成长效机制，力争2015年全区作风建设满意度达95%以上"
    (target,) = find_targets(text, period=LUOHU, deadline=dt.date(2014, 6, 30))
    assert target.deadline == dt.date(2015, 12, 31)
    (recruits,) = find_targets("建立工作机制，3年内从社会各界聘请100名社会治安监督员", period=LUOHU)
    assert recruits.deadline == dt.date(2015, 12, 31)


def test_it_finds_every_aim_of_the_sample_plan_and_little_else() -> None:
    plan = build_plan((FIXTURES / "luohu_clean.txt").read_text(encoding="utf-8"))
    found = [t.text for item in plan.items() for t in item.targets]
    expected = [
        "2至3个网商集聚区",
        "5家以上销售额亿元级企业网商",
        "10家以上电子商务细分领域龙头企业",
        "1至2家民营资本自运营科技产业园区",
        "83个社区",
        "100名社会治安监督员",
        "1-2个街道",
        "满意度达95%以上",
    ]
    for phrase in expected:
        assert any(phrase in text for text in found), phrase
    false_targets = [text for text in found if not any(phrase in text for phrase in expected)]
    assert len(false_targets) <= 3, false_targets
