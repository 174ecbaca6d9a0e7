"""The npm files the pages load, built into the package as ``static/vendor/<package>/<path>``.

The npm packages of package.json (Bootstrap, Chart.js) are installed into the checkout's
``node_modules/`` (``npm ci``); nothing of them is in the repository. The files listed here, and only
these, are copied into the package's ``static/vendor/`` (ignored by git) before it is built: by the
wheel's build step (setup.py) and by ``make install`` for the editable install. From there they are
found like the project's own static files, by the development server, the browser tests' live server,
``reformtrack collectstatic`` and WhiteNoise; the rest of ``node_modules`` (sources, package metadata,
READMEs) is never served. A page that needs another file of a package adds it to ``VENDOR_FILES``.

This module imports nothing outside the standard library: the build step loads it by its path before
any dependency is installed. ``python src/reformtrack/vendor.py`` copies the files.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

PREFIX = "vendor"

# <package>/<path inside the package>, as the templates name them after static/vendor/
VENDOR_FILES = (
    "bootstrap/dist/css/bootstrap.min.css",
    "bootstrap/dist/js/bootstrap.bundle.min.js",
    "chart.js/dist/chart.umd.min.js",
)

PACKAGE_DIR = Path(__file__).resolve().parent
TARGET_DIR = PACKAGE_DIR / "static" / PREFIX
# src/reformtrack -> src -> the checkout
NODE_MODULES_DIR = PACKAGE_DIR.parent.parent / "node_modules"


class VendorFilesMissing(RuntimeError):
    """``node_modules`` lacks a listed file (npm packages not installed)."""


def vendor_files_copy(node_modules: Path = NODE_MODULES_DIR, target: Path = TARGET_DIR) -> list[Path]:
    """Replace ``target`` with the listed files of ``node_modules``, and nothing else; the copies.

    Raises :class:`VendorFilesMissing` before touching ``target`` if any listed file is missing.
    """
    missing = [name for name in VENDOR_FILES if not (node_modules / name).is_file()]
    if missing:
        raise VendorFilesMissing(
            f"{node_modules} lacks {', '.join(missing)}: install the npm packages first "
            "(`npm ci` in the checkout, which `make install` runs)"
        )
    if target.is_dir():
        shutil.rmtree(target)  # a file no longer listed does not linger
    copies = []
    for name in VENDOR_FILES:
        copy = target / name
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(node_modules / name, copy)
        copies.append(copy)
    return copies


def vendor_files_present(target: Path = TARGET_DIR) -> bool:
    """Whether every listed file is in ``target`` (a source distribution carries them)."""
    return all((target / name).is_file() for name in VENDOR_FILES)


def main() -> int:
    try:
        copies = vendor_files_copy()
    except VendorFilesMissing as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"copied {len(copies)} vendor files into {TARGET_DIR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
