"""A ledger (台账) draft in the wizard: the column mapping shown and changed, a preview of every row
with its problems, rows corrected, unit names merged, and nothing stored until they are all fixed."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation

from reformtrack.imports.errors import DraftError
from reformtrack.imports.models import ImportDraft
from reformtrack.imports.services import draft_confirm, draft_merge_unit
from reformtrack.imports.services_sheet import draft_fix_row, draft_from_sheet, draft_remap
from reformtrack.ledger.choices import UnitRole
from reformtrack.ledger.models import Plan, Project, ProjectUnit, Unit
from reformtrack.ledger.units import guess_unit_kind

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.test import Client

HEADER: list[list[object]] = [["序号", "重点任务", "具体举措", "牵头单位", "完成时限", "备注"]]
ROWS: list[list[object]] = [
    [1, "（一）推进商事登记改革", "建立审批与监管衔接机制", "区发该局", "2014年底前", "甲"],
    [2, "（二）深化财政改革", "完善预算公开", "区财政局", "改天再说", "乙"],
    [3, "（二）深化投资改革", "简化投资审批", "区财政局", "2015年6月", "丙"],
]


def xlsx(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def sheet_draft(office_user: User) -> ImportDraft:
    draft, created = draft_from_sheet(owner=office_user, filename="台账.xlsx", content=xlsx(HEADER + ROWS))
    assert created
    return draft


def problems(draft: ImportDraft) -> list[tuple[int, str]]:
    draft.refresh_from_db()
    return [(p["row"], p["code"]) for p in draft.sheet["problems"]]


def test_a_sheet_with_bad_rows_becomes_a_draft_listing_each_problem(sheet_draft: ImportDraft) -> None:
    assert problems(sheet_draft) == [(3, "deadline"), (4, "duplicate")]
    assert sheet_draft.sheet["mapping"]["5"] == "note"
    assert sheet_draft.sheet["headings"][:2] == ["序号", "重点任务"]


def test_confirming_is_refused_while_rows_have_problems(sheet_draft: ImportDraft, office_user: User) -> None:
    with pytest.raises(DraftError, match="2 rows of the spreadsheet still have problems"):
        draft_confirm(draft=sheet_draft, by=office_user)
    assert not Plan.objects.exists()
    assert ImportDraft.objects.filter(pk=sheet_draft.pk).exists()


def test_fixed_rows_and_a_merged_unit_are_imported(sheet_draft: ImportDraft, office_user: User) -> None:
    right = Unit.objects.create(name="区发改局", kind=guess_unit_kind("区发改局"))
    draft_fix_row(draft=sheet_draft, by=office_user, row=3, values={"deadline": "2014年6月"})
    draft_fix_row(draft=sheet_draft, by=office_user, row=4, values={"project": "（三）深化投资改革"})
    assert problems(sheet_draft) == []
    draft_merge_unit(draft=sheet_draft, by=office_user, name="区发该局", into=right)

    plan = draft_confirm(draft=ImportDraft.objects.get(), by=office_user)

    stored = Project.objects.filter(plan=plan).order_by("position", "id")
    assert [p.label + p.title for p in stored] == [
        "（一）推进商事登记改革",
        "（二）深化财政改革",
        "（三）深化投资改革",
    ]
    finance = stored.get(label="（二）")
    assert finance.deadline is not None
    assert (finance.deadline.year, finance.deadline.month) == (2014, 6)
    lead = ProjectUnit.objects.filter(project__label="（一）", project__plan=plan, role=UnitRole.LEAD)
    assert list(lead.values_list("unit__name", flat=True)) == ["区发改局"]
    assert not Unit.objects.filter(name="区发该局").exists()


def test_a_new_mapping_reads_the_sheet_again(sheet_draft: ImportDraft, office_user: User) -> None:
    sheet_draft.edits = {"items": {"1-1": {"title": "x"}}, "plan": {"title": "改过"}}
    sheet_draft.save()
    mapping = {**{int(k): v for k, v in sheet_draft.sheet["mapping"].items()}, 4: "", 5: "deadline"}

    draft_remap(draft=sheet_draft, by=office_user, mapping=mapping)

    sheet_draft.refresh_from_db()
    # the 备注 column is read as the deadline now: 甲乙丙 cannot be read as dates
    found = sorted(problems(sheet_draft))
    assert found == [(2, "deadline"), (3, "deadline"), (4, "deadline"), (4, "duplicate")]
    assert sheet_draft.sheet["mapping"]["5"] == "deadline"
    assert sheet_draft.sheet["detected"]["5"] == "note"
    assert sheet_draft.edits == {"plan": {"title": "改过"}}  # corrections by item no longer fit


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({0: "number", 1: "", 2: "", 3: "lead_units"}, "No column holds the project titles"),
        ({0: "number", 1: "project", 2: "project"}, "is chosen for 2 columns"),
    ],
)
def test_a_mapping_that_cannot_work_is_refused(
    sheet_draft: ImportDraft, office_user: User, mapping: dict[int, str], message: str
) -> None:
    before = dict(sheet_draft.sheet)
    with pytest.raises(DraftError, match=message):
        draft_remap(draft=sheet_draft, by=office_user, mapping=mapping)
    sheet_draft.refresh_from_db()
    assert sheet_draft.sheet == before


def test_a_row_the_sheet_does_not_have_cannot_be_fixed(sheet_draft: ImportDraft, office_user: User) -> None:
    with pytest.raises(DraftError, match="no row 99"):
        draft_fix_row(draft=sheet_draft, by=office_user, row=99, values={"deadline": "2014年"})
    with pytest.raises(DraftError, match="only a row's project and deadline"):
        draft_fix_row(draft=sheet_draft, by=office_user, row=2, values={"note": "x"})


# --- pages ---------------------------------------------------------------------------------------


def test_the_page_shows_the_mapping_and_each_row_problem(
    client: Client, office_user: User, sheet_draft: ImportDraft, django_assert_max_num_queries: object
) -> None:
    Unit.objects.create(name="区发改局", kind=guess_unit_kind("区发改局"))
    Unit.objects.create(name="区财政局", kind=guess_unit_kind("区财政局"))
    client.force_login(office_user)
    with translation.override("zh-hans"), django_assert_max_num_queries(12):  # type: ignore[operator]
        response = client.get(reverse("imports:sheet", args=[sheet_draft.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans")
    page = response.content.decode()
    assert response.status_code == 200
    assert "完成时限" in page and "备注" in page
    assert "无法识别的完成时限“改天再说”" in page
    assert "项目编号（二）重复" in page
    # the misspelled unit is not in the registry; the likeliest registry unit is chosen for it
    assert 'data-unit-name="区发该局"' in page
    assert f'value="{Unit.objects.get(name="区发改局").pk}" selected' in page


def test_a_mapping_that_cannot_work_is_shown_again_as_chosen(
    client: Client, office_user: User, sheet_draft: ImportDraft
) -> None:
    client.force_login(office_user)
    data = {"column_0": "number", "column_1": "lead_units", "column_2": "", "column_3": "lead_units"}
    response = client.post(
        reverse("imports:sheet", args=[sheet_draft.pk]), data, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "被选给了 2 列" in page
    assert '<option value="lead_units" selected>' in page.split('name="column_1"')[1].split("</select>")[0]
    sheet_draft.refresh_from_db()
    assert sheet_draft.sheet["mapping"]["1"] == "project"


def test_a_refused_row_fix_keeps_what_was_typed(
    client: Client, office_user: User, sheet_draft: ImportDraft
) -> None:
    client.force_login(office_user)
    url = reverse("imports:sheet_row", args=[sheet_draft.pk, 99])
    response = client.post(url, {"deadline": "二〇一四年年底"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 400
    assert "二〇一四年年底" not in response.content.decode()  # row 99 is not shown: nowhere to put it
    url = reverse("imports:sheet_row", args=[sheet_draft.pk, 3])
    response = client.post(url, {"deadline": "2014年底前"})
    assert response.status_code == 302
    assert problems(sheet_draft) == [(4, "duplicate")]


def test_a_document_draft_has_no_sheet_page(client: Client, office_user: User, make_draft: object) -> None:
    draft = make_draft()  # type: ignore[operator]
    client.force_login(office_user)
    assert client.get(reverse("imports:sheet", args=[draft.pk])).status_code == 404


def test_a_long_sheet_shows_its_problem_rows_and_offers_each_new_unit_once(office_user: User) -> None:
    from reformtrack.imports.selectors_sheet import SHOWN_ROWS, sheet_preview

    rows: list[list[object]] = [
        [n, f"（{n}）项目{n}", f"举措{n}", "区新设局", "2014年底前", ""] for n in range(1, SHOWN_ROWS + 50)
    ]
    rows[-1][4] = "改天再说"
    content = xlsx(HEADER + rows)
    draft, _created = draft_from_sheet(owner=office_user, filename="长台账.xlsx", content=content)

    preview = sheet_preview(draft)

    assert preview.total_rows == SHOWN_ROWS + 49
    # the first row (offering the new unit), the next rows up to the limit, and the last (its deadline)
    assert len(preview.rows) == 1 + SHOWN_ROWS + 1
    assert preview.rows[-1].problems and preview.rows[-1].row == SHOWN_ROWS + 50
    offered = [cell for row in preview.rows for cell in row.new_units if cell.first_row == row.row]
    assert [(cell.name, cell.first_row) for cell in offered] == [("区新设局", 2)]
