"""static/vendor/ serves the npm files the pages load (reformtrack/vendor.py), not all of node_modules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.handlers.wsgi import WSGIHandler
from django.http import HttpResponseBase
from django.test import RequestFactory, override_settings

from reformtrack.vendor import VENDOR_FILES, VendorFinder

NODE_MODULES = Path(settings.NODE_MODULES_DIR)
# files every npm package has, and the sources next to what the pages load
NOT_LISTED = [
    "bootstrap/package.json",
    "bootstrap/README.md",
    "bootstrap/scss/_variables.scss",
    "chart.js/package.json",
    "chart.js/dist/chart.js",
]

pytestmark = pytest.mark.skipif(not NODE_MODULES.is_dir(), reason="node_modules missing: run `make install`")


def fetch(path: str) -> HttpResponseBase:
    """What the development server and the browser tests' live server answer (Django's static handler)."""
    request = RequestFactory().get(settings.STATIC_URL.rstrip("/").join(["/", "/"]) + path)
    return StaticFilesHandler(WSGIHandler()).get_response(request)


@pytest.mark.django_db
@pytest.mark.parametrize("name", VENDOR_FILES)
def test_the_files_the_pages_load_are_served(name: str) -> None:
    assert fetch(f"vendor/{name}").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("name", NOT_LISTED)
def test_the_rest_of_node_modules_is_not(name: str) -> None:
    assert (NODE_MODULES / name).is_file()  # there, and still not served

    assert fetch(f"vendor/{name}").status_code == 404


def test_collectstatic_gets_the_listed_files_only() -> None:
    listed = [name for name, _storage in VendorFinder().list(None)]

    assert sorted(listed) == sorted(VENDOR_FILES)


def test_every_vendor_file_a_template_names_is_listed() -> None:
    named = {
        match
        for template in Path(settings.PACKAGE_DIR).rglob("templates/**/*.html")
        for match in re.findall(r"""static ['"]vendor/([^'"]+)['"]""", template.read_text(encoding="utf-8"))
    }

    assert named and named <= set(VENDOR_FILES)


def test_an_installation_without_node_modules_finds_nothing_and_fails_nothing(tmp_path: Path) -> None:
    with override_settings(NODE_MODULES_DIR=tmp_path / "node_modules"):
        finder = VendorFinder()

    assert list(finder.list(None)) == []
    assert finder.find(f"vendor/{VENDOR_FILES[0]}") == [] and finder.check() == []
