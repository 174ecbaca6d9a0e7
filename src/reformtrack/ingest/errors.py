"""The importer's own errors: everything ingest raises on bad input is an IngestError.

Each error carries its message in two languages, like the notes and review reasons
(:mod:`.notes`, :mod:`.reasons`): ``str(error)`` is the English (the CLI prints it, logs and
tests read it) and ``zh=`` the Chinese the web shows; :meth:`IngestError.words` picks one.
ingest cannot use Django's gettext, so every raise in ingest gives both wordings
(tests/ingest/test_error_words.py checks that none is missed).
"""

from __future__ import annotations

from typing import Any

from .reasons import language


class IngestError(Exception):
    """Bad input the importer refuses, with a one-line message fit for a user.

    The CLI prints ``str(error)`` (English) on stderr and exits with code 2; the web import
    wizard shows :meth:`words` in the page's language in a form error. Never raise anything
    else for bad input. An error raised without ``zh`` (one worded by Django's gettext
    outside ingest) is shown as it is in every language.
    """

    def __init__(self, message: str = "", *, zh: str = "") -> None:
        super().__init__(message)
        self.zh = zh

    def words(self, lang: str = "zh") -> str:
        """The message in Chinese (the default) or English (``lang="en"``, ``en-us``, …)."""
        if language(lang) == "en" or not self.zh:
            return str(self)
        return self.zh

    def __reduce__(self) -> tuple[Any, ...]:
        # keep the Chinese wording across pickling (a job's worker process, a cache)
        return (_rebuild, (type(self), self.args, self.__dict__))


def _rebuild(cls: type[IngestError], args: tuple[Any, ...], state: dict[str, Any]) -> IngestError:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class UnreadableDocument(IngestError):
    """The file cannot be read as a document: empty, binary, image, too large, unknown encoding."""


class UnsupportedFormat(IngestError):
    """The file is of a kind the importer does not read."""


class NoStructure(IngestError):
    """The text was read but holds no recognisable plan structure (no chapters or items)."""
