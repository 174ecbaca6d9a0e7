"""The report form's figures over HTTP: each target's actual value, date, source and evidence file,
each measure's progress; bad input refused in Chinese with everything typed kept; the review page
shows each figure next to the current one; both pages take the same queries however many figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reformtrack.ledger.models import Measure, Project, Target
from reformtrack.ledger.services import target_value_record
from reformtrack.reporting.models import Evidence, MeasureEntry, ProgressReport, TargetEntry
from reformtrack.reporting.services import report_submit

from .conftest import ELF, PDF

pytestmark = pytest.mark.django_db

TYPED = "走访企业三十家，形成调研报告初稿"


def _form(report: ProgressReport, project: Project, **changes: object) -> dict[str, object]:
    target = project.targets.get()
    first, second = project.measures.order_by("position")
    data: dict[str, object] = {
        "version": str(report.version),
        "reported_status": "on_track",
        "percent_complete": "45",
        "done": TYPED,
        "problems": "",
        "help_needed": "",
        "next_steps": "",
        f"target-{target.pk}-value": "2",
        f"target-{target.pk}-date": "2014-03-31",
        f"target-{target.pk}-source": "区统计局季报",
        f"measure-{first.pk}-progress": "70",
        f"measure-{second.pk}-progress": "",
    }
    return {**data, **{_name(project, key): value for key, value in changes.items()}}


def _name(project: Project, key: str) -> str:
    """``value`` → ``target-<id>-value``, ``first`` → ``measure-<id>-progress``; other keys as given."""
    if key in ("value", "date", "source", "file"):
        return f"target-{project.targets.get().pk}-{key}"
    if key in ("first", "second"):
        measure = project.measures.order_by("position")[0 if key == "first" else 1]
        return f"measure-{measure.pk}-progress"
    return key


def _edit(report: ProgressReport) -> str:
    return reverse("reporting:report_edit", args=[report.pk])


def test_the_form_lists_the_targets_and_measures_with_their_current_figures(
    report: ProgressReport, project: Project, client: Client, clerk_user: User, office_user: User
) -> None:
    target_value_record(
        target=project.targets.get(), by=office_user, date=dt.date(2013, 12, 31), value=Decimal(1)
    )
    client.force_login(clerk_user)

    page = client.get(_edit(report)).content.decode()

    assert page.count('data-testid="target-entry"') == 1 and page.count('data-testid="measure-entry"') == 2
    assert "当前值: 1 个（2013年12月31日）" in page or "当前值：1 个（2013年12月31日）" in page
    assert "指标实际值" in page and "举措进度" in page and "数据来源" in page


def test_typed_figures_are_saved_with_the_draft_and_a_file_becomes_the_targets_evidence(
    report: ProgressReport, project: Project, client: Client, clerk_user: User
) -> None:
    client.force_login(clerk_user)

    response = client.post(
        _edit(report),
        _form(
            report,
            project,
            value="１,２００.5",
            date="2014年3月31日",
            file=SimpleUploadedFile("统计表.pdf", PDF),
        ),
    )

    assert response.status_code == 302
    entry = TargetEntry.objects.select_related("evidence").get(report=report)
    assert (entry.value, entry.date, entry.source) == (
        Decimal("1200.5"),
        dt.date(2014, 3, 31),
        "区统计局季报",
    )
    assert entry.evidence is not None and entry.evidence.original_name == "统计表.pdf"
    assert list(MeasureEntry.objects.order_by("measure__position").values_list("progress", flat=True)) == [
        70,
        None,
    ]
    page = client.get(_edit(report)).content.decode()
    assert 'value="1200.5"' in page and "统计表.pdf" in page and 'value="70"' in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"value": "十二"}, "请填写数字，如 12 或 3.5。"),
        ({"date": (timezone.localdate() + dt.timedelta(days=2)).isoformat()}, "晚于今天，不能填报未来的数值"),
        ({"date": "2016-01-04"}, "不在方案实施年度（2013—2015年）之内"),
        ({"date": "三月底"}, "请填写日期，如 2014-03-31 或 2014年3月31日。"),
        ({"first": "150"}, "举措进度应为 0 到 100 之间的整数。"),
    ],
)
def test_bad_figures_are_refused_in_chinese_keeping_everything_typed(
    report: ProgressReport,
    project: Project,
    client: Client,
    clerk_user: User,
    changes: dict[str, str],
    message: str,
) -> None:
    client.force_login(clerk_user)

    response = client.post(_edit(report), _form(report, project, **changes))

    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert TYPED in page and "区统计局季报" in page
    for value in changes.values():
        assert f'value="{value}"' in page
    report.refresh_from_db()
    assert (report.version, report.done) == (1, "")
    assert not TargetEntry.objects.exists() and not MeasureEntry.objects.exists()


def test_a_stale_form_stores_none_of_its_figures(
    report: ProgressReport, project: Project, client: Client, clerk_user: User
) -> None:
    client.force_login(clerk_user)
    stale = _form(report, project, value="9")
    assert client.post(_edit(report), _form(report, project)).status_code == 302

    response = client.post(_edit(report), stale)

    page = response.content.decode()
    assert response.status_code == 400 and "已先处理此报告" in page
    assert 'value="9"' in page  # what the second person typed is still on their page
    assert TargetEntry.objects.get().value == Decimal(2)


def test_the_review_page_shows_each_figure_next_to_the_current_one(
    report: ProgressReport, project: Project, client: Client, clerk_user: User, office_user: User
) -> None:
    target_value_record(
        target=project.targets.get(), by=office_user, date=dt.date(2013, 12, 31), value=Decimal(1)
    )
    Measure.objects.filter(project=project).update(progress=30)
    client.force_login(clerk_user)
    client.post(_edit(report), _form(report, project))
    report.refresh_from_db()
    report_submit(report=report, by=clerk_user, version=report.version)
    client.force_login(office_user)

    page = client.get(reverse("reporting:report_detail", args=[report.pk])).content.decode()

    assert '<td class="text-end" data-testid="reported-value">2 个</td>' in page
    assert "1 个（2013年12月31日）" in page and "2014年3月31日" in page and "区统计局季报" in page
    assert '<td class="text-end" data-testid="reported-progress">70%</td>' in page
    assert page.count('<td class="text-end" data-testid="current-progress">30%</td>') == 2


def _grow(project: Project, office_user: User, extra: int) -> None:
    """``extra`` more targets (each with a value) and measures on the project."""
    for i in range(extra):
        target = Target.objects.create(project=project, text=f"指标{i}", unit="个", position=100 + i)
        target_value_record(target=target, by=office_user, date=dt.date(2014, 1, 31), value=Decimal(i))
        Measure.objects.create(project=project, text=f"举措{i}", position=100 + i)


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_form_and_review_pages_take_the_same_queries_however_many_figures(
    report: ProgressReport, project: Project, client: Client, clerk_user: User, office_user: User
) -> None:
    edit, detail = _edit(report), reverse("reporting:report_detail", args=[report.pk])
    client.force_login(clerk_user)
    data = _form(report, project)
    client.post(_edit(report), data)
    few = (_queries(client, edit), _queries(client, detail))

    _grow(project, office_user, 12)
    report.refresh_from_db()
    client.post(_edit(report), {**data, "version": str(report.version)})  # the new figures' rows, blank
    many = (_queries(client, edit), _queries(client, detail))

    assert TargetEntry.objects.count() == 13
    assert many == few


def test_figures_typed_while_the_login_expired_are_restored_and_saved(
    report: ProgressReport, project: Project, clerk_user: User
) -> None:
    clerk_user.set_password("改革-Report-2026!")
    clerk_user.save()
    client = Client()
    client.force_login(clerk_user)
    Session.objects.all().delete()  # the login expired on the server while the clerk typed

    response = client.post(_edit(report), _form(report, project, value="3.5"))
    assert response.status_code == 302 and not TargetEntry.objects.exists()
    client.post(
        response["Location"], {"username": clerk_user.get_username(), "password": "改革-Report-2026!"}
    )
    client.get(_edit(report), follow=True)

    entry = TargetEntry.objects.get()
    assert (entry.value, entry.source) == (Decimal("3.5"), "区统计局季报")
    assert MeasureEntry.objects.filter(progress=70).count() == 1


def test_a_submitted_report_shows_its_figures_read_only_on_its_form_page(
    report: ProgressReport, project: Project, client: Client, clerk_user: User
) -> None:
    client.force_login(clerk_user)
    client.post(_edit(report), {**_form(report, project), "submit": ""})

    page = client.get(_edit(report)).content.decode()

    assert 'data-testid="report-targets"' in page and 'name="target-' not in page
    assert '<td class="text-end" data-testid="reported-progress">70%</td>' in page


def test_a_file_the_report_keeps_already_is_named_as_the_targets_evidence_not_refused(
    report: ProgressReport, project: Project, client: Client, clerk_user: User
) -> None:
    client.force_login(clerk_user)
    client.post(_edit(report), {**_form(report, project), "files": [SimpleUploadedFile("纪要.pdf", PDF)]})
    report.refresh_from_db()

    response = client.post(_edit(report), _form(report, project, file=SimpleUploadedFile("统计表.pdf", PDF)))

    assert response.status_code == 302
    kept = Evidence.objects.get()  # one file, named by the target too
    assert TargetEntry.objects.get().evidence == kept and kept.original_name == "纪要.pdf"


def test_a_refused_target_file_says_why_and_keeps_the_figures(
    report: ProgressReport, project: Project, client: Client, clerk_user: User
) -> None:
    client.force_login(clerk_user)

    response = client.post(_edit(report), _form(report, project, file=SimpleUploadedFile("表.pdf", ELF)))

    assert response.status_code == 400 and "表.pdf 不是可接受的文件类型" in response.content.decode()
    entry = TargetEntry.objects.get()
    assert (entry.value, entry.evidence) == (Decimal(2), None)
