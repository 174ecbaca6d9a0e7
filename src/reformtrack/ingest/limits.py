"""Limits on what one document may cost: time, memory, unpacked size, pages, operators, characters.

A hostile document (a zip bomb dressed as .docx, a PDF of millions of drawing operators or of a
gigabyte of compressed spaces, text that sends the repair search through every reading) must end
quickly and small, with one clear line. Every stage checks the :class:`Budget` it is given:

* reading -- the unpacked size of a .docx's members (declared and actual, while streaming), a
  PDF's decompressed streams, its pages and the operators of each page, the characters read;
* repair -- a time budget of its own; past it the repair stops and flags what is left
  (``unrepaired`` doubts) for a person instead of failing;
* every stage -- the deadline of the whole parse.

Past a limit the stage raises :class:`LimitExceeded` (an :class:`~.errors.IngestError`: exit 2 and
one line in the CLI, a form error on the web). Its message is Chinese: it is what the user reads.
:func:`limit_memory` caps the address space of a process that only parses (the CLI's ``parse``);
the web keeps to the per-stage limits.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .errors import UnreadableDocument
from .reasons import language

__all__ = ["ENV_NAMES", "Budget", "LimitExceeded", "Limits", "clock", "limit_memory"]

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What one document may cost. The defaults are the settings' defaults (``DOCUMENT_MAX_*``).

    ``max_operators`` counts the content-stream operators of one PDF page; ``max_pages`` the pages
    of a PDF; ``max_unpacked_mb`` what a .docx unpacks to or a PDF's streams decompress to;
    ``max_characters`` the text read from any format; ``repair_seconds`` the time the repair of
    damaged text may take (within ``max_seconds``, the whole parse).
    """

    max_seconds: float = 10.0
    max_memory_mb: int = 1024
    max_unpacked_mb: int = 50
    max_pages: int = 500
    max_operators: int = 50_000
    max_characters: int = 2_000_000
    repair_seconds: float = 3.0

    @property
    def max_unpacked_bytes(self) -> int:
        return self.max_unpacked_mb * MB

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> Limits:
        """The limits the ``DOCUMENT_MAX_*`` variables set (the names of the Django settings), for a
        process without Django (``reformtrack parse``). Unset or empty keeps the default; a value
        that is not a positive whole number raises ``ValueError`` naming the variable."""
        values: dict[str, int] = {}
        for field_name, variable in ENV_NAMES.items():
            raw = (environ.get(variable) or "").strip()
            if not raw:
                continue
            if not raw.isdigit() or int(raw) <= 0:
                raise ValueError(f"{variable} must be a positive whole number, not {raw!r}")
            values[field_name] = int(raw)
        return cls(**values)


# Each limit and the environment variable (and Django setting) that sets it.
ENV_NAMES = {
    "max_seconds": "DOCUMENT_MAX_SECONDS",
    "max_memory_mb": "DOCUMENT_MAX_MEMORY_MB",
    "max_unpacked_mb": "DOCUMENT_MAX_UNPACKED_MB",
    "max_pages": "DOCUMENT_MAX_PAGES",
    "max_operators": "DOCUMENT_MAX_OPERATORS",
    "max_characters": "DOCUMENT_MAX_CHARACTERS",
    "repair_seconds": "DOCUMENT_REPAIR_SECONDS",
}


class LimitExceeded(UnreadableDocument):
    """A document went past one of the :class:`Limits`: refused, nothing stored.

    ``limit`` names the limit (``"seconds"``, ``"memory"``, ``"unpacked"``, ``"pages"``,
    ``"operators"``, ``"characters"``) for callers that count or log refusals.

    Unlike the other ingest errors its message (``str``) is the Chinese, the user's language, and
    ``en`` the English :meth:`words` gives for ``lang="en"``.
    """

    def __init__(self, message: str, *, limit: str, en: str) -> None:
        super().__init__(message, zh=message)
        self.limit = limit
        self.en = en

    def words(self, lang: str = "zh") -> str:
        return self.en if language(lang) == "en" and self.en else str(self)


def clock() -> float:
    """The parse's clock: CPU seconds of the calling thread."""
    return time.thread_time()


# The share of max_seconds the repair search leaves for the stages after it.
_AFTER_REPAIR = 0.4

# (done, total, stage) -- what a background job shows as its progress; stage is one of STAGES.
Progress = Callable[[int, int, str], None]

# The stages a parse reports, in order, and their names in the user's language.
STAGES = ("read", "repair", "build")
STAGE_NAMES = {"read": "读取文档", "repair": "修复文字", "build": "识别结构"}
STAGE_NAMES_EN = {
    "read": "reading the document",
    "repair": "repairing the text",
    "build": "finding the structure",
}
# What Budget.unpacked is told it measures (Chinese), in English.
UNPACKED_EN = {
    "Word 文档": "the Word document",
    "OFD 文档": "the OFD document",
    "PDF 的内容流": "the PDF's content stream",
    "PDF 的数据流": "a PDF stream",
    "PDF 的全部数据流": "all of the PDF's streams",
}


class Budget:
    """The limits of one parse and its clock: each stage calls :meth:`check` as it goes.

    Time is the CPU time of the parsing thread (:func:`clock`): parsing does no waiting, and a busy
    machine -- or a busy server process, whose other threads would count in its process time --
    then neither refuses a document a quiet one accepts nor cuts its repair short.
    ``started`` is a reading of that clock; the CLI passes 0.0, the start of the process, so its
    deadline covers start-up too. ``progress`` is told of each stage as it begins.
    """

    def __init__(
        self,
        limits: Limits | None = None,
        *,
        name: str = "document",
        started: float | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.limits = limits or Limits()
        self.name = name
        self.started = clock() if started is None else started
        self.deadline = self.started + self.limits.max_seconds
        self._progress = progress

    def stage(self, stage: str) -> None:
        """A stage begins: check the clock and tell the progress callback."""
        self.check(stage)
        if self._progress is not None and stage in STAGES:
            self._progress(STAGES.index(stage), len(STAGES), stage)

    def remaining(self) -> float:
        return self.deadline - clock()

    def check(self, stage: str = "") -> None:
        """Raise :class:`LimitExceeded` once the parse has taken longer than ``max_seconds``."""
        if clock() > self.deadline:
            where = f"（{STAGE_NAMES.get(stage, stage)}）" if stage else ""
            where_en = f" ({STAGE_NAMES_EN.get(stage, stage)})" if stage else ""
            raise LimitExceeded(
                f"{self.name}：解析超过 {self.limits.max_seconds:g} 秒的时间上限{where}，已停止；"
                "文档可能过大或被恶意构造，请拆分或另存后再导入",
                limit="seconds",
                en=f"{self.name}: parsing went past the limit of {self.limits.max_seconds:g}"
                f" seconds{where_en} and was stopped; the document may be too large or built to do harm:"
                " split it or save it again, then import it",
            )

    def repair_deadline(self) -> float:
        """When the repair search must stop (a :func:`time.process_time` reading): after
        ``repair_seconds`` from now, and in any case while 40 % of ``max_seconds`` is left for what
        follows it (flagging, conversion, structure)."""
        return min(
            clock() + self.limits.repair_seconds,
            self.deadline - _AFTER_REPAIR * self.limits.max_seconds,
        )

    def unpacked(self, size: int, what: str, *, factor: int = 1) -> None:
        """Refuse once ``size`` bytes unpacked (or decompressed) exceed ``factor × max_unpacked_mb``."""
        if size > factor * self.limits.max_unpacked_bytes:
            raise LimitExceeded(
                f"{self.name}：{what}解压后超过 {factor * self.limits.max_unpacked_mb} MB 的上限，"
                "已拒绝（可能是压缩炸弹）",
                limit="unpacked",
                en=f"{self.name}: {UNPACKED_EN.get(what, what)} unpacks to more than the limit of"
                f" {factor * self.limits.max_unpacked_mb} MB; refused (possibly a zip bomb)",
            )

    def pages(self, count: int) -> None:
        if count > self.limits.max_pages:
            raise LimitExceeded(
                f"{self.name}：PDF 超过 {self.limits.max_pages} 页的上限，已拒绝；请拆分后再导入",
                limit="pages",
                en=f"{self.name}: the PDF has more than the limit of {self.limits.max_pages} pages;"
                " refused: split it, then import it",
            )

    def operators(self, count: int, page: int) -> None:
        if count > self.limits.max_operators:
            raise LimitExceeded(
                f"{self.name}：PDF 第 {page} 页的绘图指令超过 {self.limits.max_operators:,} 条的上限，"
                "已拒绝（可能被恶意构造）",
                limit="operators",
                en=f"{self.name}: page {page} of the PDF has more than the limit of"
                f" {self.limits.max_operators:,} drawing operators; refused (it may be built to do harm)",
            )

    def characters(self, count: int) -> None:
        if count > self.limits.max_characters:
            raise LimitExceeded(
                f"{self.name}：文档文字超过 {self.limits.max_characters:,} 字的上限，已拒绝；请拆分后再导入",
                limit="characters",
                en=f"{self.name}: the document's text is longer than the limit of"
                f" {self.limits.max_characters:,} characters; refused: split it, then import it",
            )

    def out_of_memory(self) -> LimitExceeded:
        """The error for a parse that ran out of its memory (a ``MemoryError`` under the cap)."""
        return LimitExceeded(
            f"{self.name}：解析所需内存超过 {self.limits.max_memory_mb} MB 的上限，已停止；"
            "文档可能过大或被恶意构造",
            limit="memory",
            en=f"{self.name}: parsing needs more memory than the limit of {self.limits.max_memory_mb} MB"
            " and was stopped; the document may be too large or built to do harm",
        )


def memory_capped() -> bool:
    """Whether this process's address space is capped (by :func:`limit_memory` or from outside)."""
    try:
        import resource
    except ImportError:  # not on this platform
        return False
    soft, _hard = resource.getrlimit(resource.RLIMIT_AS)
    return soft != resource.RLIM_INFINITY


def limit_memory(megabytes: int) -> None:
    """Cap this process's address space (``RLIMIT_AS``) at ``megabytes``; a no-op where unsupported.

    Past the cap allocations fail with ``MemoryError``, which the pipeline turns into
    :class:`LimitExceeded`. Only for a process that does nothing but parse: the cap is for good.
    """
    try:
        import resource
    except ImportError:  # not on this platform
        return
    wanted = megabytes * MB
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft <= wanted:
        return
    try:
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    except (ValueError, OSError):  # a container that forbids it: the stage limits still hold
        return
