"""Backup and restore of a whole site: the database, the uploaded files and the source documents.

An archive is a gzip-compressed tar holding ``manifest.json``, ``data.json`` (Django's serialized
JSON of every table, primary keys kept) and ``media/…`` (every file under ``MEDIA_ROOT``: the
evidence of the reports). Source documents and import drafts are database rows, so they are in
``data.json``. The manifest names the format version, the reformtrack version, the time, the
database vendor, the applied migrations per app, the rows per model and the SHA-256 and size of
every other member. With a passphrase the archive is encrypted as a whole (``backup_crypto``).

Left out, on purpose: sessions (a restored site asks everyone to log in again; a session of the
old site must not log into a user with the same id) and django-axes' current lockout counters.
The axes login logs are kept, as is every history row.

A restore refuses a damaged archive, a wrong passphrase, a newer format, an archive whose
migrations differ from this reformtrack's, and a database or MEDIA_ROOT with content unless forced;
then migrates, empties every table, loads the rows in one transaction (content types and
permissions come back with their ids, so nothing refers to them by another key), resets the id
sequences, checks the row counts, and last writes the files.

Django must be set up before any function here is called.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from reformtrack import __version__
from reformtrack.backup_crypto import DamagedFile, EncryptingWriter, WrongPassphrase, decrypt, is_encrypted

FORMAT = "reformtrack-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATA = "data.json"
MEDIA = "media"
# Not backed up, with the reason; everything else with a table is.
LEFT_OUT = {
    "sessions.Session": "logins do not survive a restore",
    "axes.AccessAttempt": "current lockout counters",
    "axes.AccessAttemptExpiration": "current lockout counters",
}
# Rows `migrate` creates in an empty database: not "content" when deciding whether it is empty.
MIGRATE_MADE = {"contenttypes.ContentType", "auth.Permission"}


class BackupError(Exception):
    """A refused backup or restore, said in one line."""


@dataclass(frozen=True)
class Outcome:
    """What a backup wrote or a restore loaded."""

    kind: str  # "backup", "restore" or "check"
    path: Path
    manifest: dict[str, Any]
    size: int
    seconds: float

    @property
    def rows(self) -> int:
        return sum(self.manifest["rows"].values())

    @property
    def files(self) -> int:
        return sum(1 for name in self.manifest["members"] if name.startswith(f"{MEDIA}/"))

    def report(self) -> str:
        """One line for the command's output."""
        made = f"made {self.manifest['created_at']} by reformtrack {self.manifest['reformtrack_version']}"
        if self.kind == "backup":
            encrypted = "encrypted" if self.manifest["encrypted"] else "not encrypted"
            size = f"{self.size / 1e6:.1f} MB"
            return f"Wrote {self.path}: {self.rows} rows, {self.files} files, {size}, {encrypted}."
        if self.kind == "check":
            return f"{self.path} is intact: {self.rows} rows, {self.files} files, {made}."
        return (
            f"Restored {self.rows} rows and {self.files} files from {self.path} ({made} on "
            f"{self.manifest['database_vendor']}) in {self.seconds:.1f} s."
        )


def _label(model: type[models.Model]) -> str:
    return model._meta.label


def backed_up_models() -> list[type[models.Model]]:
    """Every model with a table, except those left out; many-to-many tables come with their model."""
    return [
        model
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy and _label(model) not in LEFT_OUT
    ]


def _with_m2m(chosen: list[type[models.Model]]) -> list[type[models.Model]]:
    tables = list(chosen)
    for model in chosen:
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if through is not None and through._meta.auto_created:
                tables.append(through)
    return tables


def row_counts() -> dict[str, int]:
    """Rows per backed-up model and per automatic many-to-many table, by label."""
    return {_label(m): m._base_manager.count() for m in _with_m2m(backed_up_models())}


def _applied_migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        applied.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(applied.items())}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _media_files(root: Path) -> list[tuple[str, Path]]:
    """The regular files under ``root`` as (posix relative name, path), in a stable order."""
    if not root.is_dir():
        return []
    found = []
    for folder, _dirs, names in os.walk(root):
        for name in names:
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                found.append((path.relative_to(root).as_posix(), path))
    return sorted(found)


def _file_names() -> set[str]:
    """The names in every file field of the database (relative to MEDIA_ROOT)."""
    names: set[str] = set()
    for model in backed_up_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                values = model._base_manager.exclude(**{field.attname: ""}).values_list(
                    field.attname, flat=True
                )
                names.update(name for name in values.distinct() if name)
    return names


def _refuse_unmigrated() -> None:
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise BackupError("the database is not fully migrated: run `reformtrack migrate` first")


def _dump(folder: Path) -> tuple[dict[str, int], set[str]]:
    """Write ``data.json`` from one snapshot of the database; return its rows per model and the
    names of the files its rows refer to."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # one snapshot for every table, while the site goes on working
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        counts, files = row_counts(), _file_names()
        with (folder / DATA).open("w", encoding="utf-8") as out:
            serializers.serialize("json", _every_row(), stream=out, cls=ExactEncoder)
    return counts, files


class ExactEncoder(DjangoJSONEncoder):
    """Django's encoder with every microsecond of a time kept.

    ``DjangoJSONEncoder`` cuts times to milliseconds, as JavaScript's dates hold them; ``dumpdata``
    has no way to pass another encoder. A restore must give back the times the site had, to the
    microsecond: the order of history rows and the version checks compare them.
    """

    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        if isinstance(o, dt.time) and o.tzinfo is None:
            return o.isoformat()
        return super().default(o)


def _every_row() -> Iterator[models.Model]:
    """Every backed-up row, model by model in ``backed_up_models()`` order, each model's by id."""
    for model in backed_up_models():
        yield from model._base_manager.order_by("pk").iterator(chunk_size=2000)


def backup_create(*, path: Path, passphrase: str | None) -> Outcome:
    """Write an archive of the site to ``path`` (replaced only once the new one is complete)."""
    started = time.perf_counter()
    _refuse_unmigrated()
    folder = path.resolve().parent
    with tempfile.TemporaryDirectory(dir=folder, prefix=".reformtrack-backup-") as work:
        # the files after the rows: every file a row of the snapshot names is there by now
        counts, named = _dump(Path(work))
        media = _media_files(Path(settings.MEDIA_ROOT))
        members = {DATA: {"sha256": _sha256(Path(work) / DATA), "size": (Path(work) / DATA).stat().st_size}}
        for name, file in media:
            members[f"{MEDIA}/{name}"] = {"sha256": _sha256(file), "size": file.stat().st_size}
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "reformtrack_version": __version__,
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "database_vendor": connection.vendor,
            "encrypted": passphrase is not None,
            "migrations": _applied_migrations(),
            "rows": counts,
            "left_out": LEFT_OUT,
            "missing_files": sorted(named - {name for name, _ in media}),
            "members": members,
        }
        partial = Path(work) / "archive"
        with partial.open("wb") as out:
            _write_archive(out, manifest, Path(work) / DATA, media, passphrase)
        partial.chmod(0o600)
        os.replace(partial, path)
    return Outcome("backup", path, manifest, path.stat().st_size, time.perf_counter() - started)


def _write_archive(
    out: BinaryIO, manifest: dict[str, Any], data: Path, media: list[tuple[str, Path]], passphrase: str | None
) -> None:
    sink: Any = EncryptingWriter(out, passphrase) if passphrase is not None else out
    with tarfile.open(fileobj=sink, mode="w|gz", format=tarfile.PAX_FORMAT) as tar:
        _add_bytes(tar, MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8"))
        tar.add(data, arcname=DATA, recursive=False)
        for name, file in media:
            tar.add(file, arcname=f"{MEDIA}/{name}", recursive=False)
    if passphrase is not None:
        sink.close()


def _add_bytes(tar: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(time.time())
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(content))


@contextmanager
def opened_archive(path: Path, passphrase: str | None) -> Iterator[tuple[dict[str, Any], Path]]:
    """Decrypt and unpack an archive into a temporary folder and check it; yield (manifest, folder).

    Refuses (``BackupError``) a file that is not an archive, an encrypted one without or with the
    wrong passphrase, a damaged one (any checksum, a member missing or added), a newer format.
    Touches no database.
    """
    try:
        with path.open("rb") as handle:
            encrypted = is_encrypted(handle.read(8))
    except OSError as exc:
        raise BackupError(f"{path}: cannot be read ({exc.strerror})") from exc
    if encrypted and passphrase is None:
        raise BackupError(
            f"{path} is encrypted: give its passphrase (--passphrase-file or REFORMTRACK_BACKUP_PASSPHRASE)"
        )
    with tempfile.TemporaryDirectory(prefix="reformtrack-restore-") as work:
        folder = Path(work)
        tar_path = path
        if encrypted:
            assert passphrase is not None
            tar_path = folder / "archive.tar.gz"
            with path.open("rb") as source, tar_path.open("wb") as target:
                try:
                    decrypt(source, target, passphrase)
                except WrongPassphrase as exc:
                    raise BackupError(f"{path}: wrong passphrase") from exc
                except DamagedFile as exc:
                    raise BackupError(f"{path}: the archive is damaged ({exc})") from exc
        unpacked = folder / "unpacked"
        _unpack(path, tar_path, unpacked)
        manifest = _checked_manifest(path, unpacked)
        yield manifest, unpacked


def _unpack(path: Path, tar_path: Path, into: Path) -> None:
    if not hasattr(tarfile, "data_filter"):
        raise BackupError("unpacking an archive safely needs Python 3.11.4 or newer")
    try:
        with tarfile.open(tar_path, "r:gz") as tar:
            for member in tar:
                name = PurePosixPath(member.name)
                if not member.isfile() or (str(name) not in {MANIFEST, DATA} and name.parts[0] != MEDIA):
                    raise BackupError(f"{path}: not a reformtrack backup (holds {member.name})")
                # the "data" filter refuses absolute names, "..", links and device files
                tar.extract(member, into, filter="data")
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise BackupError(f"{path}: not a reformtrack backup, or damaged ({exc})") from exc


def _checked_manifest(path: Path, unpacked: Path) -> dict[str, Any]:
    try:
        manifest: dict[str, Any] = json.loads((unpacked / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(f"{path}: not a reformtrack backup (no readable {MANIFEST})") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path}: not a reformtrack backup")
    version = manifest.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise BackupError(
            f"{path}: made by reformtrack {manifest.get('reformtrack_version')} in archive format "
            f"{version}; this reformtrack reads format {FORMAT_VERSION} at most: upgrade it first"
        )
    members: dict[str, dict[str, Any]] = manifest["members"]
    present = {file.relative_to(unpacked).as_posix() for file in unpacked.rglob("*") if file.is_file()} - {
        MANIFEST
    }
    if present != set(members):
        extra = sorted(present - set(members)) or sorted(set(members) - present)
        raise BackupError(f"{path}: the archive is damaged (members differ from its manifest: {extra[0]})")
    for name, expected in members.items():
        if _sha256(unpacked / name) != expected["sha256"]:
            raise BackupError(f"{path}: the archive is damaged ({name} fails its SHA-256 checksum)")
    return manifest


def _refuse_other_migrations(path: Path, manifest: dict[str, Any], *, known_only: bool) -> None:
    """Refuse an archive whose applied migrations are not exactly this code's (after migrate)."""
    theirs = {(app, name) for app, names in manifest["migrations"].items() for name in names}
    if known_only:
        on_disk = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
        unknown = sorted(theirs - on_disk)
        if unknown:
            raise BackupError(
                f"{path}: made by reformtrack {manifest['reformtrack_version']} with migrations this "
                f"reformtrack does not have ({'.'.join(unknown[0])} …): restore it with that version or newer"
            )
        return
    ours = {(app, name) for app, names in _applied_migrations().items() for name in names}
    behind = sorted(ours - theirs)
    if behind:
        raise BackupError(
            f"{path}: made by reformtrack {manifest['reformtrack_version']} before migration "
            f"{'.'.join(behind[0])}: restore it with that version, then upgrade and migrate"
        )


def _content() -> dict[str, int]:
    """Rows in the tables that hold a site's work (not those migrate fills), by label."""
    return {label: n for label, n in row_counts().items() if n and label not in MIGRATE_MADE}


def _describe(counts: dict[str, int], files: int) -> str:
    biggest = sorted(counts.items(), key=lambda item: -item[1])
    parts = [f"{n} {label}" for label, n in biggest[:4]]
    if len(biggest) > 4:
        parts.append(f"{len(biggest) - 4} more tables")
    if files:
        parts.append(f"{files} files in MEDIA_ROOT")
    return ", ".join(parts)


def restore_site(*, path: Path, passphrase: str | None, force: bool) -> Outcome:
    """Replace this site's database and uploaded files by those of the archive at ``path``."""
    started = time.perf_counter()
    with opened_archive(path, passphrase) as (manifest, unpacked):
        _refuse_other_migrations(path, manifest, known_only=True)
        call_command("migrate", interactive=False, verbosity=0)
        _refuse_other_migrations(path, manifest, known_only=False)
        media_root = Path(settings.MEDIA_ROOT)
        existing = _content()
        files = len(_media_files(media_root))
        if (existing or files) and not force:
            raise BackupError(
                f"the site is not empty ({_describe(existing, files)}): add --force to replace its "
                "database with the archive's (files in MEDIA_ROOT that the archive does not hold are kept)"
            )
        _load(unpacked / DATA, manifest["rows"])
        _write_media(unpacked / MEDIA, media_root)
    return Outcome("restore", path, manifest, path.stat().st_size, time.perf_counter() - started)


def archive_check(*, path: Path, passphrase: str | None) -> Outcome:
    """Check an archive as a restore would (passphrase, checksums, format) without touching the site."""
    started = time.perf_counter()
    with opened_archive(path, passphrase) as (manifest, _unpacked):
        _refuse_other_migrations(path, manifest, known_only=True)
    return Outcome("check", path, manifest, path.stat().st_size, time.perf_counter() - started)


def _load(data: Path, expected: dict[str, int]) -> None:
    """Empty every table and load the archive's rows, all in one transaction."""
    from django.contrib.contenttypes.models import ContentType

    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    with transaction.atomic():
        with connection.cursor() as cursor:
            for statement in connection.ops.sql_flush(no_style(), tables, reset_sequences=True):
                cursor.execute(statement)
        call_command("loaddata", str(data), verbosity=0)
        # new rows must get ids after the restored ones (PostgreSQL keeps a sequence per table)
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), _with_m2m(backed_up_models())):
                cursor.execute(statement)
        loaded = row_counts()
        wrong = sorted(label for label, n in expected.items() if loaded.get(label, 0) != n)
        if wrong:
            raise BackupError(
                f"{wrong[0]}: {loaded.get(wrong[0], 0)} rows loaded, the archive holds "
                f"{expected[wrong[0]]}; nothing was restored"
            )
    ContentType.objects.clear_cache()


def _write_media(source: Path, media_root: Path) -> None:
    """Put each file in place atomically (written beside it, then renamed over)."""
    for name, file in _media_files(source):
        target = media_root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.restoring")
        with file.open("rb") as src, partial.open("wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
        os.replace(partial, target)


def read_passphrase(file: Path | None) -> str | None:
    """The passphrase: the first line of ``file``, else ``REFORMTRACK_BACKUP_PASSPHRASE``, else none."""
    if file is not None:
        try:
            lines = file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise BackupError(f"{file}: cannot be read as the passphrase ({exc})") from exc
        value = lines[0] if lines else ""
    else:
        value = os.environ.get("REFORMTRACK_BACKUP_PASSPHRASE", "")
        if not value:
            return None
    if not value.strip():
        raise BackupError(f"{file}: the passphrase is empty")
    return value
