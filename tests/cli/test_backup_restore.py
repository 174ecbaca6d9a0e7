"""`reformtrack backup FILE` / `reformtrack restore FILE`, run as the real command in subprocesses.

A source site (sample plan, accounts, a reporting cycle, a report with two evidence files) is
backed up and restored into an empty site on SQLite and PostgreSQL, both ways: the restored site
has the same rows per model and the same files, serves the evidence, lets the clerk log in with
the password of the old site, and gives new rows fresh ids. The PostgreSQL sites are throwaway
databases on the server of DATABASE_URL (skipped when it is not PostgreSQL), dropped afterwards.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import secrets
import shutil
import subprocess
import sys
import tarfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from .backup_site import PDF, PNG

SITE_SCRIPT = Path(__file__).with_name("backup_site.py")
PASSPHRASE = "长城 long wall 2014"
# variables of the test run that must not reach the sites
_NOT_PASSED = {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "TEST_DATABASE_NAME", "MEDIA_ROOT"}


def _postgres_server() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return None
    return url.rsplit("/", 1)[0]


@contextmanager
def _postgres_database(role: str) -> Iterator[str]:
    import psycopg

    server = _postgres_server()
    if server is None:
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://…")
    name = f"rt_backup_{role}_{secrets.token_hex(4)}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server}/{name}"
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass
class Site:
    """A reformtrack site of its own: a data folder (SQLite, media) and maybe a PostgreSQL database."""

    home: Path
    database_url: str | None = None
    passphrase_file: Path = field(init=False)

    def __post_init__(self) -> None:
        self.home.mkdir(parents=True, exist_ok=True)
        self.passphrase_file = self.home.parent / f"{self.home.name}-passphrase.txt"
        self.passphrase_file.write_text(PASSPHRASE + "\n", encoding="utf-8")

    @property
    def env(self) -> dict[str, str]:
        env = {
            k: v for k, v in os.environ.items() if k not in _NOT_PASSED and not k.startswith("REFORMTRACK")
        }
        env["REFORMTRACK_HOME"] = str(self.home)
        if self.database_url:
            env["DATABASE_URL"] = self.database_url
        return env

    def run(self, *args: str | Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "reformtrack", *map(str, args)],
            capture_output=True,
            text=True,
            env=self.env,
            check=False,
        )

    def ok(self, *args: str | Path) -> str:
        result = self.run(*args)
        assert result.returncode == 0, result.stderr
        return result.stdout

    def script(self, action: str) -> str:
        result = subprocess.run(
            [sys.executable, str(SITE_SCRIPT), action],
            capture_output=True,
            text=True,
            env=self.env,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    def inspect(self) -> dict[str, Any]:
        inspected: dict[str, Any] = json.loads(self.script("inspect"))
        return inspected


MakeSite = Callable[[str], Site]


@pytest.fixture
def make_site(tmp_path: Path) -> Iterator[MakeSite]:
    """An empty site on ``"sqlite"`` or ``"postgresql"``: ``make_site("postgresql")``."""
    with ExitStack() as stack:

        def make(vendor: str) -> Site:
            home = tmp_path / f"site-{secrets.token_hex(3)}"
            if vendor == "sqlite":
                return Site(home)
            return Site(home, stack.enter_context(_postgres_database("target")))

        yield make


@dataclass
class Source:
    site: Site
    plain: Path
    encrypted: Path
    inspected: dict[str, Any]


class Sources:
    """A populated, backed-up site per vendor, made once for the module when first asked for."""

    def __init__(self, folder: Path, stack: ExitStack) -> None:
        self.folder = folder
        self.stack = stack
        self.made: dict[str, Source] = {}

    def __call__(self, vendor: str) -> Source:
        if vendor not in self.made:
            home = self.folder / f"source-{vendor}"
            url = None if vendor == "sqlite" else self.stack.enter_context(_postgres_database("source"))
            site = Site(home, url)
            site.ok("migrate", "--no-input")
            site.ok("import", "--sample")
            site.script("populate")
            plain, encrypted = self.folder / f"{vendor}.tar.gz", self.folder / f"{vendor}.rtbk"
            site.ok("backup", plain)
            site.ok("backup", encrypted, "--passphrase-file", site.passphrase_file)
            self.made[vendor] = Source(site, plain, encrypted, site.inspect())
        return self.made[vendor]


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sources]:
    with ExitStack() as stack:
        yield Sources(tmp_path_factory.mktemp("backup-sources"), stack)


def assert_refused(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    """Exit code 2 and one ``Error: …`` line naming the fragments."""
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])


ROUND_TRIPS = [
    pytest.param("sqlite", "sqlite", id="sqlite-to-sqlite"),
    pytest.param("postgresql", "postgresql", id="postgresql-to-postgresql", marks=pytest.mark.postgres),
    pytest.param("sqlite", "postgresql", id="sqlite-to-postgresql", marks=pytest.mark.postgres),
    pytest.param("postgresql", "sqlite", id="postgresql-to-sqlite", marks=pytest.mark.postgres),
]


@pytest.mark.parametrize(("source_vendor", "target_vendor"), ROUND_TRIPS)
def test_a_restored_site_has_the_same_rows_and_files_and_serves_the_evidence(
    source: Sources, make_site: MakeSite, source_vendor: str, target_vendor: str
) -> None:
    original = source(source_vendor)
    target = make_site(target_vendor)
    encrypted = source_vendor != target_vendor or source_vendor == "postgresql"
    archive = original.encrypted if encrypted else original.plain
    passphrase: list[str | Path] = ["--passphrase-file", original.site.passphrase_file] if encrypted else []

    output = target.ok("restore", archive, *passphrase)

    restored = target.inspect()
    assert output.startswith(f"Restored {sum(original.inspected['rows'].values())} rows and 2 files")
    assert restored["rows"] == original.inspected["rows"]
    assert restored["content"] == original.inspected["content"]
    assert restored["rows"]["ledger.Plan"] == 1 and restored["rows"]["reporting.Evidence"] == 2
    assert restored["files"] == original.inspected["files"] and len(restored["files"]) == 2
    assert restored["downloads"] == {
        "佐证材料.pdf": [200, hashlib.sha256(PDF).hexdigest()],
        "现场照片.png": [200, hashlib.sha256(PNG).hexdigest()],
    }
    assert restored["logged_in"] is True
    assert restored["fresh_id_after_old"] is True


def test_it_refuses_a_site_that_is_not_empty_unless_forced(source: Sources, make_site: MakeSite) -> None:
    original = source("sqlite")
    target = make_site("sqlite")
    target.ok("restore", original.plain)
    target.ok("import", Path(__file__).with_name("fixtures") / "small-plan.txt")  # work of its own

    refused = target.run("restore", original.plain)
    assert len(target.ok("plans").splitlines()) == 2  # the refusal changed nothing
    forced = target.run("restore", original.plain, "--force")

    assert_refused(refused, "the site is not empty", "ledger.", "2 files in MEDIA_ROOT", "--force")
    assert forced.returncode == 0, forced.stderr
    replaced = target.inspect()
    assert replaced["rows"] == original.inspected["rows"]
    assert replaced["content"] == original.inspected["content"]


def test_it_refuses_a_wrong_passphrase_or_none(source: Sources, make_site: MakeSite, tmp_path: Path) -> None:
    archive = source("sqlite").encrypted
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase\n", encoding="utf-8")
    target = make_site("sqlite")

    assert_refused(target.run("restore", archive, "--passphrase-file", wrong), "wrong passphrase")
    assert_refused(target.run("restore", archive), "is encrypted", "--passphrase-file")


def _changed_byte(archive: Path, into: Path, at: float) -> Path:
    data = bytearray(archive.read_bytes())
    data[int(len(data) * at)] ^= 0x01
    into.write_bytes(bytes(data))
    return into


def test_it_refuses_a_changed_or_cut_encrypted_archive(
    source: Sources, make_site: MakeSite, tmp_path: Path
) -> None:
    original = source("sqlite")
    changed = _changed_byte(original.encrypted, tmp_path / "changed.rtbk", 0.5)
    cut = tmp_path / "cut.rtbk"
    cut.write_bytes(original.encrypted.read_bytes()[:-100])
    target = make_site("sqlite")
    key: list[str | Path] = ["--passphrase-file", original.site.passphrase_file]

    assert_refused(target.run("restore", changed, *key), "the archive is damaged")
    assert_refused(target.run("restore", cut, *key), "the archive is damaged")


def _rewritten(archive: Path, into: Path, change: Callable[[str, bytes], bytes]) -> Path:
    """The archive with each member's bytes passed through ``change(name, content)``."""
    with tarfile.open(archive, "r:gz") as old, tarfile.open(into, "w:gz") as new:
        for member in old:
            handle = old.extractfile(member)
            assert handle is not None
            content = change(member.name, handle.read())
            member.size = len(content)
            new.addfile(member, io.BytesIO(content))
    return into


def _manifest_change(edit: Callable[[dict[str, Any]], None]) -> Callable[[str, bytes], bytes]:
    def change(name: str, content: bytes) -> bytes:
        if name != "manifest.json":
            return content
        manifest = json.loads(content)
        edit(manifest)
        return json.dumps(manifest).encode()

    return change


def test_it_refuses_an_archive_whose_data_fails_its_checksum(
    source: Sources, make_site: MakeSite, tmp_path: Path
) -> None:
    def change(name: str, content: bytes) -> bytes:
        return content.replace(b'"title": "', b'"title": "X', 1) if name == "data.json" else content

    changed = _rewritten(source("sqlite").plain, tmp_path / "changed.tar.gz", change)
    target = make_site("sqlite")

    assert_refused(target.run("restore", changed), "the archive is damaged", "data.json fails its SHA-256")
    assert_refused(target.run("restore", changed, "--check"), "data.json fails its SHA-256")


def test_it_refuses_a_damaged_gzip_stream(source: Sources, make_site: MakeSite, tmp_path: Path) -> None:
    changed = _changed_byte(source("sqlite").plain, tmp_path / "changed.tar.gz", 0.6)

    assert_refused(make_site("sqlite").run("restore", changed), "damaged")


def test_it_refuses_a_newer_archive_format(source: Sources, make_site: MakeSite, tmp_path: Path) -> None:
    newer = _rewritten(
        source("sqlite").plain,
        tmp_path / "newer.tar.gz",
        _manifest_change(lambda m: m.update(format_version=2)),
    )

    assert_refused(make_site("sqlite").run("restore", newer), "archive format 2", "upgrade it first")


def test_it_refuses_an_archive_of_another_schema(
    source: Sources, make_site: MakeSite, tmp_path: Path
) -> None:
    def future(manifest: dict[str, Any]) -> None:
        manifest["migrations"]["ledger"].append("9999_from_the_future")

    def past(manifest: dict[str, Any]) -> None:
        manifest["migrations"]["reporting"].pop()

    newer = _rewritten(source("sqlite").plain, tmp_path / "newer.tar.gz", _manifest_change(future))
    older = _rewritten(source("sqlite").plain, tmp_path / "older.tar.gz", _manifest_change(past))
    target = make_site("sqlite")

    assert_refused(target.run("restore", newer), "ledger.9999_from_the_future", "does not have")
    assert_refused(target.run("restore", older), "before migration reporting.", "then upgrade")
    assert "No plans stored yet" in target.ok("plans")


def test_check_says_an_intact_archive_is_intact(source: Sources, make_site: MakeSite) -> None:
    original = source("sqlite")

    output = make_site("sqlite").ok(
        "restore", original.encrypted, "--check", "--passphrase-file", original.site.passphrase_file
    )

    assert "is intact" in output


def test_the_archive_holds_the_manifest_data_and_evidence(source: Sources) -> None:
    original = source("sqlite")

    with tarfile.open(original.plain, "r:gz") as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))  # type: ignore[arg-type]
    assert names[:2] == ["manifest.json", "data.json"]
    assert sorted(names[2:]) == sorted(f"media/{name}" for name in original.inspected["files"])
    assert manifest["format_version"] == 1 and manifest["database_vendor"] == "sqlite"
    assert manifest["rows"] == original.inspected["rows"]
    assert "sessions.Session" not in manifest["rows"]
    assert "0001_initial" in manifest["migrations"]["ledger"]
    assert b"password" in gzip.decompress(original.plain.read_bytes())
    assert b"password" not in original.encrypted.read_bytes()
    assert original.encrypted.read_bytes()[:8] == b"RTBKENC1"


def test_it_names_a_file_the_database_has_but_media_root_lacks(source: Sources, tmp_path: Path) -> None:
    original = source("sqlite")
    copy = Site(tmp_path / "copy")
    shutil.copytree(original.site.home, copy.home, dirs_exist_ok=True)
    lost = sorted((copy.home / "media").rglob("*"))[-1]
    lost.unlink()

    result = copy.run("backup", tmp_path / "copy.tar.gz")

    assert result.returncode == 0, result.stderr
    name = lost.relative_to(copy.home / "media").as_posix()
    assert result.stderr == f"Warning: {name} is in the database but not in MEDIA_ROOT.\n"
    assert "1 files" in result.stdout


def test_it_refuses_to_back_up_a_database_not_migrated(tmp_path: Path) -> None:
    assert_refused(Site(tmp_path / "new").run("backup", tmp_path / "new.tar.gz"), "run `reformtrack migrate`")
    assert not (tmp_path / "new.tar.gz").exists()


def test_it_refuses_an_empty_passphrase_file(source: Sources, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("\n", encoding="utf-8")

    result = source("sqlite").site.run("backup", tmp_path / "x.rtbk", "--passphrase-file", empty)

    assert_refused(result, "the passphrase is empty")
    assert not (tmp_path / "x.rtbk").exists()
