"""Every translation catalogue of the project is complete, and its compiled .mo is the .po of today.

The project's catalogues are src/reformtrack/locale and each app's locale/. The gettext tools
(msgattrib, msgfmt) read them: ``make messages`` and Django's compilemessages need them anyway, and
no Python .po parser is among the dependencies.
"""

from __future__ import annotations

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "reformtrack"
CATALOGUES = sorted(PACKAGE.glob("**/locale/*/LC_MESSAGES/django.po"))
TOOLS = {name: shutil.which(name) for name in ("msgattrib", "msgfmt")}


def _tool(name: str) -> str:
    path = TOOLS[name]
    if path is None:
        pytest.fail(f"{name} (GNU gettext) is needed to check the catalogues: apt install gettext")
    return path


def _entries(po: Path, flag: str) -> list[str]:
    """The msgids msgattrib keeps with ``flag`` (--untranslated, --only-fuzzy), the header left out."""
    out = subprocess.run(
        [_tool("msgattrib"), flag, "--no-obsolete", "--no-wrap", str(po)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [line for line in out.splitlines() if line.startswith("msgid ") and line != 'msgid ""']


def _messages(mo: Path) -> dict[object, str]:
    with mo.open("rb") as handle:
        return dict(gettext.GNUTranslations(handle)._catalog)  # type: ignore[attr-defined]


def test_the_project_has_its_catalogues() -> None:
    assert PACKAGE / "locale/zh_Hans/LC_MESSAGES/django.po" in CATALOGUES
    assert len(CATALOGUES) > 1  # the apps' own


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda po: str(po.relative_to(PACKAGE)))
def test_no_entry_is_untranslated_or_fuzzy(po: Path) -> None:
    assert _entries(po, "--untranslated") == []
    assert _entries(po, "--only-fuzzy") == []


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda po: str(po.relative_to(PACKAGE)))
def test_the_mo_holds_what_the_po_says(po: Path, tmp_path: Path) -> None:
    fresh = tmp_path / "django.mo"
    subprocess.run([_tool("msgfmt"), "--check-format", "-o", str(fresh), str(po)], check=True)

    assert _messages(po.with_suffix(".mo")) == _messages(fresh)


def test_it_sees_an_untranslated_and_a_fuzzy_entry(tmp_path: Path) -> None:
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Save"\nmsgstr ""\n\n#, fuzzy\nmsgid "Open"\nmsgstr "打开"\n',
        encoding="utf-8",
    )

    assert _entries(po, "--untranslated") == ['msgid "Save"']
    assert _entries(po, "--only-fuzzy") == ['msgid "Open"']
