"""``reformtrack backup`` and ``restore``: the site in one archive, encrypted if asked."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from .base import UserError, cli, database

_ARCHIVE = click.Path(dir_okay=False, path_type=Path)
_PASSPHRASE = click.option(
    "--passphrase-file",
    type=_ARCHIVE,
    help="Read the passphrase from the first line of this file (else REFORMTRACK_BACKUP_PASSPHRASE).",
)


@contextmanager
def _backup_errors() -> Iterator[None]:
    from reformtrack.backup import BackupError

    try:
        yield
    except BackupError as exc:
        raise UserError(str(exc)) from exc


@cli.command()
@click.argument("file", type=_ARCHIVE)
@_PASSPHRASE
def backup(file: Path, passphrase_file: Path | None) -> None:
    """Write the database, uploaded files and source documents to one archive FILE, encrypted
    with a passphrase if one is given (docs/deployment.md, "Backup and restore")."""
    with database(), _backup_errors():
        from reformtrack.backup import backup_create, read_passphrase

        done = backup_create(path=file, passphrase=read_passphrase(passphrase_file))
    click.echo(done.report())
    for name in done.manifest["missing_files"]:
        click.echo(f"Warning: {name} is in the database but not in MEDIA_ROOT.", err=True)


@cli.command()
@click.argument("file", type=_ARCHIVE)
@_PASSPHRASE
@click.option("--force", is_flag=True, help="Replace a site that is not empty.")
@click.option("--check", is_flag=True, help="Only check the archive (checksums, passphrase); touch nothing.")
def restore(file: Path, passphrase_file: Path | None, force: bool, check: bool) -> None:
    """Restore the site from an archive FILE of `reformtrack backup`: migrate, load every row in one
    transaction, write the files. Refuses a damaged archive, a wrong passphrase, another schema."""
    with database(), _backup_errors():
        from reformtrack.backup import archive_check, read_passphrase, restore_site

        key = read_passphrase(passphrase_file)
        if check:
            done = archive_check(path=file, passphrase=key)
        else:
            done = restore_site(path=file, passphrase=key, force=force)
    click.echo(done.report())
