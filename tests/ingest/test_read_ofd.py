"""OFD documents: text read from the pages' TextCodes, task tables from the columns' positions,
hostile and damaged files refused with a worded error."""

from __future__ import annotations

import contextlib
import io
import zipfile
from pathlib import Path

import pytest

from reformtrack.ingest import parse_bytes
from reformtrack.ingest.errors import UnreadableDocument
from reformtrack.ingest.limits import LimitExceeded, Limits
from reformtrack.ingest.read import read_document

from . import task_table_plan
from .ofd_build import NS, ofd_bytes, wrap

PLAN = [
    "福州市鼓楼区2024年数字政府建设工作方案",
    "为加快数字政府建设，提升政务服务效能，结合我区实际，制定本方案。",
    "一、重点任务",
    "（一）建设一体化政务服务平台。推进政务服务事项100%网上可办，实现高频事项“掌上办”。"
    "（牵头单位：区数据管理局；责任单位：区行政服务中心、各街道办事处）完成时限：2024年6月底前",
    "（二）推进政务数据共享。建成区级数据共享交换平台，年内归集数据3000万条以上。（牵头单位：区数据管理局）",
    "二、保障措施",
    "（一）强化组织保障。成立区数字政府建设工作专班。",
]


def test_it_reads_the_text_of_an_ofd_in_reading_order() -> None:
    doc = read_document(ofd_bytes(wrap(PLAN)), "plan.ofd")
    assert doc.format == "ofd"
    assert doc.text == "\n".join(PLAN)


def test_an_ofd_plan_parses_like_its_text() -> None:
    from_ofd = parse_bytes(ofd_bytes(wrap(PLAN)), "plan.ofd")
    from_text = parse_bytes("\n".join(PLAN).encode(), "plan.txt")
    assert [i.to_dict() for i in from_ofd.items()] == [i.to_dict() for i in from_text.items()]
    first = from_ofd.items()[0]
    assert first.lead_units[0] == "区数据管理局"
    assert from_ofd.source_format == "ofd"


def test_a_page_without_a_deflated_zip_and_with_an_absolute_location_reads() -> None:
    data = ofd_bytes(wrap(PLAN[:3]), doc_root="/Doc_0/Document.xml", deflate=False)
    assert read_document(data, "plan").text.startswith("福州市鼓楼区")


def test_the_task_table_of_an_ofd_becomes_items() -> None:
    plan = parse_bytes(task_table_plan.ofd_bytes(), "plan.ofd")
    assert task_table_plan.ledger(plan) == task_table_plan.EXPECTED
    assert [c.title for c in plan.chapters] == ["总体要求", "保障措施", "市场准入", "政务服务"]


def _rezip(data: bytes, change: dict[str, bytes | None]) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            if info.filename in change:
                replacement = change[info.filename]
                if replacement is not None:
                    target.writestr(info.filename, replacement)
            else:
                target.writestr(info.filename, source.read(info))
    return out.getvalue()


PAGE = "Doc_0/Pages/Page_0/Content.xml"


@pytest.mark.parametrize(
    "change,chinese",
    [
        ({"Doc_0/Document.xml": None}, "缺少部件Doc_0/Document.xml"),
        ({PAGE: None}, "缺少部件" + PAGE),
        ({PAGE: b"<ofd:Page xmlns:ofd='x'><ofd:Content>"}, "不是有效的XML"),
        ({"OFD.xml": f"<ofd:OFD xmlns:ofd='{NS}'><ofd:DocBody/></ofd:OFD>".encode()}, "没有DocRoot"),
        (
            {PAGE: b'<!DOCTYPE p [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><p>&b;</p>'},
            "没有文字",
        ),
        ({PAGE: f"<ofd:Page xmlns:ofd='{NS}'><ofd:Content/></ofd:Page>".encode()}, "没有文字"),
    ],
    ids=["no document", "no page", "bad xml", "no doc root", "entities", "no text"],
)
def test_a_damaged_ofd_is_refused_in_chinese(change: dict[str, bytes | None], chinese: str) -> None:
    data = _rezip(ofd_bytes(wrap(PLAN[:3])), change)
    with pytest.raises(UnreadableDocument) as caught:
        parse_bytes(data, "plan.ofd")
    assert chinese in caught.value.words() and "plan.ofd：" in caught.value.words()
    assert "OFD" in caught.value.words("en")


def test_a_truncated_ofd_is_refused_as_damaged() -> None:
    data = ofd_bytes(wrap(PLAN))
    with pytest.raises(UnreadableDocument) as caught:
        parse_bytes(data[: len(data) // 2], "plan.ofd")
    assert "OFD文档已损坏" in caught.value.words()


def test_an_ofd_bomb_is_refused_by_its_unpacked_size(tmp_path: Path) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "OFD.xml",
            f"<ofd:OFD xmlns:ofd='{NS}'><ofd:DocBody><ofd:DocRoot>D.xml</ofd:DocRoot>"
            "</ofd:DocBody></ofd:OFD>",
        )
        with archive.open("D.xml", "w", force_zip64=True) as handle:
            for _ in range(12):
                handle.write(b" " * 1_000_000)
    assert len(out.getvalue()) < 200_000
    with pytest.raises(LimitExceeded) as caught:
        parse_bytes(out.getvalue(), "bomb.ofd", limits=Limits(max_unpacked_mb=10))
    assert caught.value.limit == "unpacked" and "上限" in str(caught.value)
    assert "OFD document" in caught.value.words("en")


def test_an_ofd_of_too_many_pages_is_refused() -> None:
    data = ofd_bytes([[(28.0, 37.0, "一、总体要求")]] * 4)
    with pytest.raises(LimitExceeded) as caught:
        parse_bytes(data, "many.ofd", limits=Limits(max_pages=3))
    assert caught.value.limit == "pages" and "OFD" in str(caught.value)


def test_the_file_sniffer_knows_an_ofd_by_its_content() -> None:
    from reformtrack.ingest.filetypes import OFD, detect

    kind = detect(ofd_bytes(wrap(PLAN[:2])))
    assert kind is not None and (kind.mime, kind.extension) == (OFD, "ofd")
    assert read_document(ofd_bytes(wrap(PLAN[:2])), "plan.zip").format == "ofd"


def test_units_on_lines_of_their_own_in_a_grid_cell_stay_apart() -> None:
    # columns at x = 20 (序号), 35 (重点任务, 60 mm wide), 100 (牵头单位, 40 mm), 145 (完成时限)
    header = [
        (22.0, 60.0, "序号"),
        (55.0, 60.0, "重点任务"),
        (110.0, 60.0, "牵头单位"),
        (146.0, 60.0, "完成时限"),
    ]
    row = [
        (22.0, 70.0, "1"),
        (37.0, 70.0, "建立重点项目并联审批机制，实"),  # 14 characters: fills the column, wraps
        (37.0, 76.0, "行容缺受理"),
        (102.0, 70.0, "市发展改革委"),  # 6 of 9 characters: an entry of its own
        (102.0, 76.0, "市自然资源局"),
        (147.0, 70.0, "2025年底前"),
    ]
    data = ofd_bytes([[(28.0, 37.0, "某市重大项目审批提速方案"), *header, *row]])
    (table,) = read_document(data, "plan.ofd").tables
    assert table.rows[1] == (
        "1",
        "建立重点项目并联审批机制，实行容缺受理",
        "市发展改革委 市自然资源局",
        "2025年底前",
    )


def test_an_ofd_past_the_characters_limit_is_refused() -> None:
    with pytest.raises(LimitExceeded) as caught:
        parse_bytes(ofd_bytes(wrap(PLAN * 20)), "long.ofd", limits=Limits(max_characters=1000))
    assert caught.value.limit == "characters"


def test_rows_of_a_grid_without_a_number_column_are_told_by_their_spacing() -> None:
    # 重点任务 at x = 22 (60 mm), 牵头单位 at 85, 完成时限 at 130; a cell's leading 5.9 mm, rows 8 mm apart
    header = [(40.0, 60.0, "重点任务"), (95.0, 60.0, "牵头单位"), (132.0, 60.0, "完成时限")]
    rows = [
        (22.0, 68.0, "推行工程建设项目审批“一网通"),
        (22.0, 73.9, "办”"),
        (87.0, 68.0, "区住建局"),
        (132.0, 68.0, "2025年6月"),
        (22.0, 81.8, "开展涉企违规收费专项整治"),
        (87.0, 81.8, "区市场监管局"),
        (132.0, 81.8, "2025年9月"),
    ]
    data = ofd_bytes([[(28.0, 37.0, "某区营商环境提升方案"), *header, *rows]])
    (table,) = read_document(data, "plan.ofd").tables
    assert table.rows[1:] == (
        ("推行工程建设项目审批“一网通办”", "区住建局", "2025年6月"),
        ("开展涉企违规收费专项整治", "区市场监管局", "2025年9月"),
    )


def test_an_ofd_damaged_anywhere_gives_a_plan_or_an_ingest_error() -> None:
    import random

    from reformtrack.ingest.errors import IngestError

    data = ofd_bytes(wrap(PLAN), deflate=False)  # stored parts: a flipped byte reaches the XML
    rng = random.Random(13)
    for _ in range(150):
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        with contextlib.suppress(IngestError):
            parse_bytes(bytes(damaged), "plan.ofd")


def test_scattered_table_words_give_a_plan_or_an_ingest_error() -> None:
    import random

    from reformtrack.ingest.errors import IngestError

    words = [
        "序号",
        "重点任务",
        "牵头单位",
        "完成时限",
        "领域",
        "1",
        "推进改革",
        "区发改局",
        "2025年",
        "一、任务",
    ]
    rng = random.Random(8)
    for _ in range(60):
        pieces = [
            (rng.uniform(10, 190), rng.choice([40.0, 50.0, 60.0, 60.0, 66.0, 72.0]), rng.choice(words))
            for _ in range(rng.randint(1, 25))
        ]
        with contextlib.suppress(IngestError):
            parse_bytes(ofd_bytes([pieces, pieces[: len(pieces) // 2]]), "plan.ofd")


def test_ruling_lines_part_centred_rows_and_show_a_merged_cell() -> None:
    # 序号 20–32, 重点任务 32–100, 牵头单位 100–140 (merged over both rows), 完成时限 140–170
    header = [
        (22.0, 60.0, "序号"),
        (58.0, 60.0, "重点任务"),
        (112.0, 60.0, "牵头单位"),
        (147.0, 60.0, "完成时限"),
    ]
    rows = [
        (34.0, 68.0, "推行工程建设项目审批“一网通办"),  # 15 characters fill the column
        (25.0, 70.9, "1"),
        (142.0, 70.9, "2025年6月"),
        (34.0, 73.9, "”"),
        (107.0, 74.0, "区住建局"),  # centred in the merged cell, within the first row's band
        (25.0, 82.0, "2"),
        (34.0, 82.0, "推行多测合一"),
        (142.0, 82.0, "2025年9月"),
    ]
    lines = [
        (20.0, 58.0, 170.0),
        (20.0, 66.0, 170.0),
        (20.0, 80.0, 100.0),
        (140.0, 80.0, 170.0),
        (20.0, 88.0, 170.0),
    ]
    data = ofd_bytes([[(28.0, 37.0, "某区工程建设项目审批制度改革方案"), *header, *rows]], rules=[lines])
    (table,) = read_document(data, "plan.ofd").tables
    assert table.rows[1:] == (
        ("1", "推行工程建设项目审批“一网通办”", "区住建局", "2025年6月"),
        ("2", "推行多测合一", "区住建局", "2025年9月"),
    )
