"""The appraisal's results as an Excel workbook (core/spreadsheet.py) and as an official .docx
(core/official_docx.py): the ranking per group, then every unit's components with their rules."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reformtrack.core.official_docx import Letterhead, OfficialDocument
from reformtrack.core.spreadsheet import SpreadsheetWriter
from reformtrack.ingest.numerals import int_to_chinese

from .choices import UnitGroup
from .components import REGISTRY
from .explain import score_of, shown_components
from .models import Result, Run


def _keys(run: Run) -> list[str]:
    return [key for key, weight in run.weights.items() if weight and key in REGISTRY]


def results_xlsx(run: Run, groups: dict[str, list[Result]]) -> bytes:
    """Sheet one: the ranking with every component's score; sheet two: each component's rule per unit."""
    keys = _keys(run)
    book = SpreadsheetWriter()
    columns = [(_("Ranked among"), 14), (_("Rank"), 8), (_("Unit"), 28)]
    columns += [(f"{REGISTRY[key].name}（{run.weights[key]}）", 14) for key in keys]
    columns += [(_("Bonus"), 10), (_("Adjustment"), 10), (_("Total"), 10)]
    sheet = book.add_sheet(_("Ranking"), columns, wrap=False)
    for group, results in groups.items():
        for result in results:
            sheet.append(
                [str(UnitGroup(group).label), result.rank, result.unit.name]
                + [score_of(result, key) for key in keys]
                + [result.bonus, result.adjustment, result.total]
            )
    rules = book.add_sheet(
        _("Explanation"), [(_("Unit"), 28), (_("Component"), 20), (_("Score"), 10), (_("Rule"), 80)]
    )
    for results in groups.values():
        for result in results:
            for shown in shown_components(result):
                rules.append([result.unit.name, shown.name, shown.score, shown.rule])
    return book.to_bytes()


def results_docx(run: Run, groups: dict[str, list[Result]]) -> bytes:
    """The ranking as an official document, in Chinese whatever the reader's language."""
    with translation.override("zh-hans"):
        document = OfficialDocument(
            Letterhead(
                issuer=settings.DOCUMENT_COORDINATING_OFFICE,
                number="",
                date=timezone.localdate(run.published_at) if run.published_at else timezone.localdate(),
                recipients=settings.DOCUMENT_BULLETIN_RECIPIENTS,
                copy_to=settings.DOCUMENT_BULLETIN_COPY_TO,
            )
        )
        document.masthead()
        document.title(_("Results of the %(year)d performance appraisal of units") % {"year": run.year})
        document.recipients()
        keys = _keys(run)
        document.paragraph(
            _("The appraisal counts %(components)s, with reform bonus points up to %(cap)s points.")
            % {
                "components": "、".join(f"{REGISTRY[key].name}（{run.weights[key]}分）" for key in keys),
                "cap": run.bonus_cap.normalize(),
            }
        )
        styles = document.table_styles("考核")
        header = [_("Rank"), _("Unit"), *[str(REGISTRY[key].name) for key in keys], _("Bonus"), _("Total")]
        for index, (group, results) in enumerate((g, r) for g, r in groups.items() if r):
            document.heading(f"{int_to_chinese(index + 1)}、{UnitGroup(group).label}")
            rows = [
                [str(result.rank), result.unit.name]
                + [str(score_of(result, key) or "—") for key in keys]
                + [str(result.bonus), str(result.total)]
                for result in results
            ]
            document.table(header, rows, styles)
        document.signature()
        document.record()
        return document.to_bytes()
