"""Two people saving the same study, option or consultation at once: the second is refused with
the first one's name, and nothing of the first is lost."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from django.test import Client
from django.urls import reverse

from reformtrack.studies.errors import ConcurrentStudyEdit
from reformtrack.studies.services import study_update
from reformtrack.studies.services_entries import consultation_update, option_update

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from reformtrack.studies.models import Study

pytestmark = pytest.mark.django_db


def test_a_stale_save_of_the_study_is_refused_naming_who_saved_first(
    draft: Study, clerk_user: User, unit_lead_user: User
) -> None:
    opened_at = draft.version
    study_update(study=draft, by=clerk_user, version=opened_at, background="联络员的背景")

    with pytest.raises(ConcurrentStudyEdit) as refused:
        study_update(study=draft, by=unit_lead_user, version=opened_at, background="分管领导的背景")

    assert refused.value.saved_by == clerk_user
    draft.refresh_from_db()
    assert draft.background == "联络员的背景"


def test_a_stale_save_of_an_option_or_consultation_is_refused(filled: Study, clerk_user: User) -> None:
    option = filled.options.get()
    consultation = filled.consultations.get()
    option_update(option=option, by=clerk_user, version=option.version, description="改一")
    consultation_update(
        consultation=consultation,
        by=clerk_user,
        version=consultation.version,
        consulted="专家组",
        method="expert",
        held_on=consultation.held_on,
        opinions="同意",
    )

    with pytest.raises(ConcurrentStudyEdit):
        option_update(option=option, by=clerk_user, version=1, description="改二")
    with pytest.raises(ConcurrentStudyEdit):
        consultation_update(
            consultation=consultation,
            by=clerk_user,
            version=1,
            consulted="另一组",
            method="expert",
            held_on=consultation.held_on,
            opinions="反对",
        )
    assert filled.options.get().description == "改一"
    assert filled.consultations.get().consulted == "专家组"


def test_the_page_keeps_what_the_second_person_typed(
    draft: Study, clerk_user: User, unit_lead_user: User, client: Client
) -> None:
    study_update(study=draft, by=clerk_user, version=draft.version, background="联络员先保存")
    client.force_login(unit_lead_user)

    response = client.post(
        reverse("studies:edit", args=[draft.pk]), {"background": "分管领导后保存", "version": "1"}
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "分管领导后保存" in page  # what they typed is still in the form
    assert "联络员先保存" in page  # and what is saved now is shown beside it
    errors = response.context["form"].non_field_errors()
    assert len(errors) == 1 and clerk_user.get_full_name() in errors[0]
    draft.refresh_from_db()
    assert draft.background == "联络员先保存"
