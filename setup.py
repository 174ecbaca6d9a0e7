"""The build step that puts the pages' npm files into the package (everything else: pyproject.toml).

Before the package's files are collected (``build_py`` for a wheel, ``sdist`` for a source
distribution), the files listed in src/reformtrack/vendor.py are copied from ``node_modules`` into
src/reformtrack/static/vendor/, so the wheel carries Bootstrap and Chart.js. Without ``node_modules``
the build stops with a message saying so, unless this is an unpacked source distribution (PKG-INFO),
which already carries the copies. The editable install skips it: ``make install`` copies them.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

ROOT = Path(__file__).resolve().parent


def _vendor() -> Any:
    """reformtrack/vendor.py, loaded by its path (the package's dependencies are not installed here)."""
    spec = importlib.util.spec_from_file_location("reformtrack_vendor", ROOT / "src/reformtrack/vendor.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def vendor_files_build() -> None:
    vendor = _vendor()
    node_modules = ROOT / "node_modules"
    if not node_modules.is_dir() and (ROOT / "PKG-INFO").is_file() and vendor.vendor_files_present():
        return  # built from a source distribution: the copies came with it
    try:
        vendor.vendor_files_copy(node_modules, vendor.TARGET_DIR)
    except vendor.VendorFilesMissing as error:
        raise SystemExit(f"error: the package needs the pages' npm files: {error}") from None


class BuildPy(build_py):
    def run(self) -> None:
        if not getattr(self, "editable_mode", False):
            vendor_files_build()
        super().run()


class Sdist(sdist):
    def run(self) -> None:
        vendor_files_build()
        super().run()


setup(cmdclass={"build_py": BuildPy, "sdist": Sdist})
