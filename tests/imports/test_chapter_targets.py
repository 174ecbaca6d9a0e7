"""A chapter's own targets (a goals chapter's 主要目标): parsed, shown in the import wizard, stored
with the plan on import, shown on the chapter's page, and gone with the plan."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from django.test import Client
from django.urls import reverse

from reformtrack.imports.services import draft_confirm, draft_create
from reformtrack.ingest.build import build_plan
from reformtrack.ingest.model import ParsedPlan
from reformtrack.ledger.choices import TargetForm
from reformtrack.ledger.models import Chapter, Plan, Target
from reformtrack.ledger.models_chapter_targets import ChapterTarget
from reformtrack.ledger.render import render_tree, tree_from_ledger, tree_from_parsed
from reformtrack.ledger.selectors import plan_ledger
from reformtrack.ledger.services import plan_delete, plan_import

from .conftest import UsePlan

if TYPE_CHECKING:
    from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db

PLAN = Path(__file__).parents[1] / "fixtures" / "plans" / "targets_plan.txt"


@pytest.fixture
def parsed() -> ParsedPlan:
    return build_plan(PLAN.read_text(encoding="utf-8"))


def test_the_import_stores_a_chapters_targets_beside_its_projects_targets(parsed: ParsedPlan) -> None:
    plan = plan_import(parsed=parsed, source_bytes=b"targets plan", filename="plan.txt")

    goals = Chapter.objects.get(plan=plan, position=0)
    stored = list(goals.targets.all())
    assert [t.text for t in stored] == [t.text for t in parsed.chapters[0].targets]
    satisfaction = stored[1]
    assert (satisfaction.subject, satisfaction.min_value, satisfaction.max_value, satisfaction.unit) == (
        "满意度",
        95,
        None,
        "%",
    )
    assert satisfaction.sentence.startswith("主要目标：到2025年，政务服务事项100%线上办理")
    assert satisfaction.form == TargetForm.AT_LEAST
    assert stored[0].history.count() == 1  # who imported it, when
    # the projects' targets are as before, and no chapter target became a project's
    assert Target.objects.filter(project__plan=plan).count() == sum(len(i.targets) for i in parsed.items())
    assert ChapterTarget.objects.filter(chapter__plan=plan).count() == len(parsed.chapters[0].targets)


def test_a_chapters_targets_go_with_the_plan(parsed: ParsedPlan, office_user: User) -> None:
    plan = plan_import(parsed=parsed, source_bytes=b"targets plan", filename="plan.txt")

    plan_delete(plan=plan, by=office_user)

    assert not Plan.objects.exists()
    assert not ChapterTarget.objects.exists()


def test_the_wizard_shows_a_chapters_targets_and_stores_them(
    parsed: ParsedPlan, use_plan: UsePlan, client: Client, office_user: User
) -> None:
    use_plan(parsed)
    draft, _ = draft_create(owner=office_user, filename="plan.txt", content=b"targets plan")
    client.force_login(office_user)

    page = client.get(reverse("imports:draft", args=[draft.pk])).content.decode()

    assert 'data-testid="chapter-targets"' in page
    assert "满意度不低于95%" in page
    # each target carries its whole sentence, for the reader to check it against
    assert 'title="主要目标：到2025年，政务服务事项100%线上办理' in page
    assert 'title="推进政务服务标准化，实现政务服务事项100%网上可办，即办件比例达到70%以上' in page
    plan = draft_confirm(draft=draft, by=office_user)
    assert ChapterTarget.objects.filter(chapter__plan=plan).count() == len(parsed.chapters[0].targets)


def test_the_chapter_page_lists_the_targets_its_text_states(
    parsed: ParsedPlan, client: Client, office_user: User
) -> None:
    plan = plan_import(parsed=parsed, source_bytes=b"targets plan", filename="plan.txt")
    goals, tasks = Chapter.objects.filter(plan=plan).order_by("position")[:2]
    client.force_login(office_user)

    page = client.get(reverse("ledger:chapter_detail", args=[goals.pk])).content.decode()
    other = client.get(reverse("ledger:chapter_detail", args=[tasks.pk])).content.decode()

    assert page.count('data-testid="chapter-target"') == goals.targets.count()
    assert "形成万亿级先进制造业集群" in page
    assert 'data-testid="chapter-targets"' not in other


def test_parse_prints_a_chapters_targets_under_its_heading(parsed: ParsedPlan) -> None:
    lines = render_tree(tree_from_parsed(parsed)).splitlines()

    heading = lines.index("一、总体要求和目标")
    assert lines[heading + 1].startswith("    targets: 政务服务事项100%线上办理；满意度不低于95%；")


def test_the_dashboard_lists_the_targets_the_chapters_state(
    parsed: ParsedPlan, client: Client, clerk_user: User
) -> None:
    plan = plan_import(parsed=parsed, source_bytes=b"targets plan", filename="plan.txt")
    client.force_login(clerk_user)

    page = client.get(reverse("web:dashboard") + f"?plan={plan.pk}").content.decode()

    assert 'data-testid="dashboard-chapter-targets"' in page
    assert page.count('data-testid="chapter-target"') == len(parsed.chapters[0].targets)
    assert "打造2个千亿级产业集群" in page


def test_show_prints_a_stored_chapters_targets_as_parse_did(parsed: ParsedPlan) -> None:
    plan = plan_import(parsed=parsed, source_bytes=b"targets plan", filename="plan.txt")

    stored = render_tree(tree_from_ledger(plan_ledger(plan))).splitlines()
    printed = render_tree(tree_from_parsed(parsed)).splitlines()

    heading = stored.index("一、总体要求和目标")
    assert stored[heading + 1] == printed[printed.index("一、总体要求和目标") + 1]
