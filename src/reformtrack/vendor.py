"""The npm files the pages load, served as ``static/vendor/<package>/<path>``: these and nothing else.

The npm packages of package.json (Bootstrap, Chart.js) are installed into the checkout's
``node_modules/`` by ``make install`` (``npm ci``); nothing of them is in the repository. Serving the
whole folder would publish every file of every package and its dependencies (sources, package
metadata, READMEs), so ``VendorFinder`` answers for the listed files alone, for the development
server, the live server of the browser tests and ``reformtrack collectstatic`` alike. A page that
needs another file of a package adds it to ``VENDOR_FILES``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import CheckMessage
from django.core.files.storage import FileSystemStorage

PREFIX = "vendor"

# <package>/<path inside the package>, as the templates name them after static/vendor/
VENDOR_FILES = (
    "bootstrap/dist/css/bootstrap.min.css",
    "chart.js/dist/chart.umd.min.js",
)


class VendorFinder(BaseFinder):
    """Finds ``vendor/<file of VENDOR_FILES>`` in ``settings.NODE_MODULES_DIR``, and nothing else there."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.root = Path(settings.NODE_MODULES_DIR)
        self.storage = FileSystemStorage(location=self.root)
        self.storage.prefix = PREFIX  # type: ignore[attr-defined]  # read by collectstatic

    def check(self, **kwargs: Any) -> list[CheckMessage]:
        return []

    def _path(self, name: str) -> Path | None:
        """The file of a listed ``vendor/…`` name, if the package is installed."""
        prefix = PREFIX + "/"
        if not name.startswith(prefix) or name[len(prefix) :] not in VENDOR_FILES:
            return None
        found = self.root / name[len(prefix) :]
        return found if found.is_file() else None

    def find(self, path: str, find_all: bool = False, **kwargs: Any) -> Any:
        find_all = find_all or kwargs.get("all", False)  # `all` is Django 5.2's deprecated spelling
        found = self._path(path)
        if found is None:
            return []  # what Django's own finders answer for "not here" (finders.find relies on it)
        return [str(found)] if find_all else str(found)

    def list(self, ignore_patterns: Iterable[str] | None) -> Iterator[tuple[str, FileSystemStorage]]:
        for name in VENDOR_FILES:
            if (self.root / name).is_file():
                yield name, self.storage
