"""A unit's nominations: drafted in the window, linked to its own projects, evidence by the
reporting rules, submitted, then checked by the office with reasons."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reformtrack.award import services
from reformtrack.award.choices import NominationStatus
from reformtrack.award.errors import AwardRefused
from reformtrack.award.models import AwardCall, Nomination
from reformtrack.ledger.choices import UnitRole
from reformtrack.ledger.models import ProjectUnit, Unit

from .conftest import AwardWorld, nominate

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.test import Client

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_nominations_are_taken_only_in_the_window(award_world: AwardWorld) -> None:
    AwardCall.objects.filter(pk=award_world.call.pk).update(
        nomination_opens=dt.date(2000, 1, 1), nomination_closes=dt.date(2000, 1, 31)
    )
    award_world.call.refresh_from_db()

    with pytest.raises(AwardRefused, match="2000年1月31日"):
        nominate(award_world.clerk, award_world.call, award_world.own_project)


def test_a_nomination_links_only_its_units_projects(award_world: AwardWorld) -> None:
    with pytest.raises(AwardRefused):
        nominate(award_world.clerk, award_world.call, award_world.finance_project)


def test_only_a_units_reform_lead_and_clerk_nominate(award_world: AwardWorld, counit_user: User) -> None:
    with pytest.raises(PermissionDenied):
        nominate(award_world.office, award_world.call, award_world.own_project)
    with pytest.raises(PermissionDenied):
        nominate(counit_user, award_world.call, award_world.own_project)


def test_the_check_refuses_with_reasons_over_quota_and_not_lead(award_world: AwardWorld) -> None:
    world = award_world
    first = nominate(world.clerk, world.call, world.own_project, "一")
    second = nominate(world.clerk, world.call, world.own_project, "二")
    third = nominate(world.clerk, world.call, world.own_project, "三")
    # the clerk's unit takes part in the finance project as a co-unit only
    ProjectUnit.objects.create(
        project=world.finance_project,
        unit=Unit.objects.get(name="区经济促进局"),
        role=UnitRole.CO,
        position=1,
    )
    co = nominate(world.finance_clerk, world.call, world.finance_project, "财政")
    ProjectUnit.objects.filter(project=world.finance_project, unit__name="区财政局").update(role=UnitRole.CO)

    assert services.eligibility_check(by=world.office, call=world.call) == (2, 2)

    statuses = {n.pk: (n.status, [r["code"] for r in n.reasons]) for n in Nomination.objects.all()}
    assert statuses[first.pk] == (NominationStatus.ELIGIBLE, [])
    assert statuses[second.pk] == (NominationStatus.ELIGIBLE, [])
    assert statuses[third.pk] == (NominationStatus.INELIGIBLE, ["over_quota"])
    assert statuses[co.pk] == (NominationStatus.INELIGIBLE, ["not_lead"])


def test_a_project_without_progress_or_accepted_report_is_not_enough(award_world: AwardWorld) -> None:
    award_world.own_project.__class__.objects.filter(pk=award_world.own_project.pk).update(progress=0)
    nomination = nominate(award_world.clerk, award_world.call, award_world.own_project)

    services.eligibility_check(by=award_world.office, call=award_world.call)

    nomination.refresh_from_db()
    assert [r["code"] for r in nomination.reasons] == ["no_progress"]


def test_evidence_follows_the_reporting_rules(
    award_world: AwardWorld, settings: object, tmp_path: object
) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    draft = services.nomination_create(
        by=award_world.clerk,
        call=award_world.call,
        title="成果",
        statement="说明",
        projects=[award_world.own_project],
    )

    kept = services.evidence_add(
        by=award_world.clerk, nomination=draft, upload=SimpleUploadedFile("证明.html", PDF)
    )
    with pytest.raises(AwardRefused):
        services.evidence_add(
            by=award_world.clerk, nomination=draft, upload=SimpleUploadedFile("页面.pdf", b"<html>hi</html>")
        )
    with pytest.raises(AwardRefused):
        services.evidence_add(
            by=award_world.clerk, nomination=draft, upload=SimpleUploadedFile("again.pdf", PDF)
        )

    assert kept.content_type == "application/pdf" and kept.file.name.endswith(".pdf")
    assert draft.evidence.count() == 1


def test_a_clerk_drafts_and_submits_on_the_pages(award_world: AwardWorld, client: Client) -> None:
    client.force_login(award_world.clerk)

    response = client.post(
        reverse("award:nomination_create", args=[award_world.call.pk]),
        {"title": "商事登记制度改革", "statement": "做法", "projects": [award_world.own_project.pk]},
    )
    nomination = Nomination.objects.get()
    submitted = client.post(reverse("award:nomination_submit", args=[nomination.pk]), {"version": "1"})

    assert response.status_code == 302 and submitted.status_code == 302
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.SUBMITTED
    assert nomination.history.first().history_user == award_world.clerk  # type: ignore[attr-defined]
