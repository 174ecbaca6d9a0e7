"""A bulletin rendered as .docx in the layout of official documents (GB/T 9704,
:mod:`~reformtrack.core.official_docx`):
the red masthead with the issuer and the number, the title, the recipients, numbered sections with
their tables, the signature and date, and the 抄送 / 印发 block; the names come from the settings
``DOCUMENT_SUPERVISION_OFFICE``, ``DOCUMENT_BULLETIN_RECIPIENTS`` and ``DOCUMENT_BULLETIN_COPY_TO``."""

from __future__ import annotations

from django.conf import settings

from reformtrack.core.official_docx import Letterhead, OfficialDocument

from .bulletin import PrintedBulletin, section_heading


def bulletin_letterhead(bulletin: PrintedBulletin) -> Letterhead:
    """Who issues the bulletin and to whom, from the settings; its number and date."""
    return Letterhead(
        issuer=settings.DOCUMENT_SUPERVISION_OFFICE,
        number=bulletin.number,
        date=bulletin.date,
        recipients=settings.DOCUMENT_BULLETIN_RECIPIENTS,
        copy_to=settings.DOCUMENT_BULLETIN_COPY_TO,
    )


def bulletin_docx(bulletin: PrintedBulletin, letterhead: Letterhead | None = None) -> bytes:
    """The bulletin as a .docx in the official layout."""
    document = OfficialDocument(letterhead or bulletin_letterhead(bulletin))
    document.masthead()
    document.title(bulletin.title)
    document.recipients()
    styles = document.table_styles("通报")
    for i, section in enumerate(bulletin.sections):
        document.heading(section_heading(i, section.heading))
        for text in section.paragraphs:
            document.paragraph(text)
        if section.header:
            document.table(section.header, section.rows, styles)
    document.signature()
    document.record()
    return document.to_bytes()
