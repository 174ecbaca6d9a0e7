"""Fixtures of the import wizard's tests: documents, a stand-in parser, drafts of the office user."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import reformtrack.ingest
from reformtrack.ingest.model import ParsedDocument, ParsedPlan

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from reformtrack.imports.models import ImportDraft

HERE = Path(__file__).parent / "fixtures"
SAMPLE_PLAN = "luohu-reform-plan-2013-2015.txt"

MakePlan = Callable[..., ParsedPlan]
UsePlan = Callable[[ParsedPlan], None]
MakeDraft = Callable[..., "ImportDraft"]
MakeUser = Callable[..., "User"]


@pytest.fixture
def damaged_document() -> Path:
    """The opening of the bundled sample plan, scraped damage and all: its first project's title
    (强化“时尚罗湖”品牌营销) comes out damaged and flagged for review."""
    return HERE / "damaged-excerpt.txt"


@pytest.fixture
def sample_bytes() -> bytes:
    """The bundled sample plan (罗湖 2013–2015), as scraped from the web."""
    return resources.files("reformtrack.ingest").joinpath("data", SAMPLE_PLAN).read_bytes()


@pytest.fixture
def use_plan(monkeypatch: pytest.MonkeyPatch) -> UsePlan:
    """Make ``parse_bytes`` return a hand-made plan (``parse_document_bytes`` a document of that
    one plan), so a test does not hang on the parser's judgement."""

    def use(plan: ParsedPlan) -> None:
        def parse_bytes(data: bytes, filename: str, **limits: object) -> ParsedPlan:
            return plan

        def parse_document_bytes(data: bytes, filename: str, **limits: object) -> ParsedDocument:
            return ParsedDocument(plan.title, plan.doc_number, plan.issued, [plan])

        monkeypatch.setattr(reformtrack.ingest, "parse_bytes", parse_bytes, raising=False)
        monkeypatch.setattr(reformtrack.ingest, "parse_document_bytes", parse_document_bytes, raising=False)

    return use


@pytest.fixture
def make_draft(db: None, use_plan: UsePlan, make_plan: MakePlan, office_user: User) -> MakeDraft:
    """A draft of a hand-made plan (see ``make_parsed_plan``): ``make_draft(b"bytes", owner=…, **plan)``.

    The first project of every chapter is flagged for review; its ref is ``"<chapter>-1"``.
    """
    from reformtrack.imports.services import draft_create

    def make(content: bytes = b"plan", *, owner: User | None = None, **plan_kwargs: object) -> ImportDraft:
        use_plan(make_plan(**plan_kwargs))
        draft, _ = draft_create(owner=owner or office_user, filename="plan.txt", content=content)
        return draft

    return make


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Service messages in English, the source language the tests match on (pages pick their own)."""
    from django.utils import translation

    with translation.override("en"):
        yield
