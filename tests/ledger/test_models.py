"""Every model reads well as text and is named for translation."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.apps import apps
from django.db import models
from django.utils.functional import Promise

from reformtrack.ledger.models import (
    Chapter,
    Measure,
    MeasureUnit,
    Plan,
    Project,
    ProjectUnit,
    SourceDocument,
    Target,
    Unit,
    UnitAlias,
)

pytestmark = pytest.mark.django_db


def test_every_model_has_a_readable_str(store_plan: Callable[..., Plan]) -> None:
    plan = store_plan(chapters=1, projects=1, measures=1, children=0)
    unit = Unit.objects.get(name="区发改局")
    alias = UnitAlias.objects.create(unit=unit, name="区发展和改革局")

    assert str(plan) == plan.title
    assert str(SourceDocument.objects.get()) == "plan.txt"
    assert str(Chapter.objects.get()) == "第1章的标题"
    assert str(Project.objects.get()) == "（1）项目1-1"
    assert str(Measure.objects.get()) == "举措1-1-1"
    assert str(Target.objects.get()) == "打造2至3个网商集聚区"
    assert str(unit) == "区发改局"
    assert str(alias) == "区发展和改革局 → 区发改局"
    assert str(ProjectUnit.objects.filter(unit=unit).get()) == "区发改局 (Lead unit)"
    assert str(MeasureUnit.objects.get()) == "区经济促进局 (Lead unit)"


def test_every_model_and_field_has_a_translatable_verbose_name() -> None:
    for model in apps.get_app_config("ledger").get_models():
        meta = model._meta
        assert isinstance(meta.original_attrs.get("verbose_name"), Promise), model
        assert isinstance(meta.original_attrs.get("verbose_name_plural"), Promise), model
        for field in meta.get_fields():
            if isinstance(field, models.Field) and not field.auto_created:
                assert isinstance(field.verbose_name, Promise), f"{model.__name__}.{field.name}"
