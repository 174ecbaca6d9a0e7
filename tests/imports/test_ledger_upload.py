"""A ledger (台账) uploaded in the import wizard becomes a draft like a document: a misspelled unit is
taken as another name of the registry's unit, and the confirmed plan stores what the ledger holds."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import openpyxl
import pytest
from django.core.management import call_command
from django.utils import translation

from reformtrack.imports.models import ImportDraft
from reformtrack.imports.services import draft_confirm, draft_merge_unit
from reformtrack.imports.uploads import upload_start
from reformtrack.jobs.models import Job
from reformtrack.ledger.choices import UnitRole
from reformtrack.ledger.models import Project, ProjectUnit, Unit, UnitAlias
from reformtrack.ledger.units import guess_unit_kind

if TYPE_CHECKING:
    from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db(transaction=True)


def ledger(rows: list[list[object]], merges: list[str]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    for merge in merges:
        sheet.merge_cells(merge)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def run_worker() -> None:
    with translation.override("zh-hans"):
        call_command("db_worker", batch=True, interval=0, startup_delay=False, reload=False, verbosity=0)


def test_a_ledger_with_a_misspelled_unit_is_fixed_in_the_draft_and_imported(office_user: User) -> None:
    right = Unit.objects.create(name="区发改局", kind=guess_unit_kind("区发改局"))
    content = ledger(
        [
            ["序号", "重点任务", "具体举措", "责任单位", None, "完成时限"],
            [None, None, None, "牵头单位", "配合单位", None],
            [1, "（一）推进商事登记改革", "建立审批与监管衔接机制", "区发该局", "区财政局", "2014年底前"],
            [None, None, "完善市场监管信息化体系", "区发该局", "区财政局", "2014年底前"],
        ],
        ["D1:E1", "A1:A2", "B1:B2", "C1:C2", "F1:F2", "A3:A4", "B3:B4"],
    )
    upload_start(owner=office_user, filename="台账.xlsx", content=content)
    run_worker()

    assert Job.objects.get().status == "done"
    draft = ImportDraft.objects.get()
    draft_merge_unit(draft=draft, by=office_user, name="区发该局", into=right)
    plan = draft_confirm(draft=ImportDraft.objects.get(), by=office_user)

    project = Project.objects.get(plan=plan)
    assert (project.label, project.title, project.measures.count()) == ("（一）", "推进商事登记改革", 2)
    lead = ProjectUnit.objects.filter(project=project, role=UnitRole.LEAD).values_list(
        "unit__name", flat=True
    )
    assert list(lead) == ["区发改局"]
    assert UnitAlias.objects.filter(unit=right, name="区发该局").exists()
    assert not Unit.objects.filter(name="区发该局").exists()


def test_a_ledger_with_bad_rows_becomes_a_draft_naming_them(office_user: User) -> None:
    content = ledger(
        [["重点任务", "具体举措", "完成时限"], ["（一）商事改革", "举措一", "改天再说"]],
        [],
    )
    upload = upload_start(owner=office_user, filename="台账.xlsx", content=content)
    run_worker()

    upload.refresh_from_db()
    # the wizard's preview shows the row's problem; confirming is refused until it is corrected
    assert Job.objects.get().status == "done"
    draft = ImportDraft.objects.get()
    assert draft.sheet["problems"] == [{"row": 2, "code": "deadline", "value": "改天再说"}]
