"""static/vendor/ serves the npm files the pages load (reformtrack/vendor.py), not all of node_modules.

The listed files are copied into the package's static/vendor/ when it is built or installed (setup.py,
``make install``); from there the finders, ``collectstatic`` and WhiteNoise see them like the
project's own static files, and nothing else of node_modules is anywhere they look.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.test import RequestFactory, override_settings
from whitenoise.middleware import WhiteNoiseMiddleware

from reformtrack.vendor import (
    NODE_MODULES_DIR,
    TARGET_DIR,
    VENDOR_FILES,
    VendorFilesMissing,
    vendor_files_copy,
    vendor_files_present,
)

# files every npm package has, and the sources next to what the pages load
NOT_LISTED = [
    "bootstrap/package.json",
    "bootstrap/README.md",
    "bootstrap/scss/_variables.scss",
    "chart.js/package.json",
    "chart.js/dist/chart.js",
]

needs_copies = pytest.mark.skipif(
    not vendor_files_present(), reason="static/vendor/ not built: run `make install`"
)
needs_node_modules = pytest.mark.skipif(
    not NODE_MODULES_DIR.is_dir(), reason="node_modules missing: run `make install`"
)


def fetch(path: str) -> HttpResponseBase:
    """What the development server and the browser tests' live server answer (Django's static handler)."""
    request = RequestFactory().get(settings.STATIC_URL.rstrip("/").join(["/", "/"]) + path)
    return StaticFilesHandler(WSGIHandler()).get_response(request)


@needs_copies
@pytest.mark.django_db
@pytest.mark.parametrize("name", VENDOR_FILES)
def test_the_files_the_pages_load_are_served(name: str) -> None:
    assert fetch(f"vendor/{name}").status_code == 200


@needs_copies
@needs_node_modules
@pytest.mark.django_db
@pytest.mark.parametrize("name", NOT_LISTED)
def test_the_rest_of_node_modules_is_not(name: str) -> None:
    assert (NODE_MODULES_DIR / name).is_file()  # there, and still not served

    assert fetch(f"vendor/{name}").status_code == 404
    assert not finders.find(f"vendor/{name}")


@needs_copies
def test_the_copies_are_the_listed_files_only() -> None:
    copied = sorted(str(path.relative_to(TARGET_DIR)) for path in TARGET_DIR.rglob("*") if path.is_file())

    assert copied == sorted(VENDOR_FILES)


def fake_node_modules(root: Path) -> Path:
    """A node_modules with the listed files and the rest of a package beside them."""
    for name in [*VENDOR_FILES, *NOT_LISTED]:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(f"/* {name} */", encoding="utf-8")
    return root


def test_the_build_step_copies_the_listed_files_and_drops_stale_ones(tmp_path: Path) -> None:
    node_modules = fake_node_modules(tmp_path / "node_modules")
    target = tmp_path / "static" / "vendor"
    (target / "old").mkdir(parents=True)
    (target / "old" / "no-longer-listed.css").write_text("", encoding="utf-8")

    vendor_files_copy(node_modules, target)

    copied = sorted(str(path.relative_to(target)) for path in target.rglob("*") if path.is_file())
    assert copied == sorted(VENDOR_FILES)
    assert (target / VENDOR_FILES[0]).read_text(encoding="utf-8") == f"/* {VENDOR_FILES[0]} */"


def test_the_build_step_stops_without_node_modules_and_says_why(tmp_path: Path) -> None:
    target = tmp_path / "static" / "vendor"
    (target / "kept.css").parent.mkdir(parents=True)
    (target / "kept.css").write_text("", encoding="utf-8")

    with pytest.raises(VendorFilesMissing, match="npm ci"):
        vendor_files_copy(tmp_path / "node_modules", target)

    assert (target / "kept.css").is_file()  # nothing touched


def test_every_vendor_file_a_template_names_is_listed() -> None:
    named = {
        match
        for template in Path(settings.PACKAGE_DIR).rglob("templates/**/*.html")
        for match in re.findall(r"""static ['"]vendor/([^'"]+)['"]""", template.read_text(encoding="utf-8"))
    }

    assert named and named <= set(VENDOR_FILES)


def not_static(request: HttpRequest) -> HttpResponse:
    return HttpResponse("the application", status=404)


@needs_copies
def test_with_debug_off_whitenoise_serves_what_collectstatic_collected(tmp_path: Path) -> None:
    with override_settings(DEBUG=False, STATIC_ROOT=tmp_path / "static"):
        call_command("collectstatic", interactive=False, verbosity=0)
        middleware = WhiteNoiseMiddleware(not_static)

        def answer(path: str) -> HttpResponseBase:
            response: HttpResponseBase = middleware(RequestFactory().get(f"/static/{path}"))
            return response

        served = [answer(f"vendor/{name}") for name in VENDOR_FILES]
        assert [response.status_code for response in served] == [200] * len(VENDOR_FILES)
        assert served[0]["Content-Type"].startswith("text/css")
        assert answer("reformtrack/site.css").status_code == 200
        assert answer("admin/css/base.css").status_code == 200
        for name in NOT_LISTED:
            response = answer(f"vendor/{name}")
            assert isinstance(response, HttpResponse) and response.content == b"the application"  # passed on
    collected = tmp_path / "static" / "vendor"
    files = [p for p in collected.rglob("*") if p.is_file() and p.suffix != ".gz"]
    assert sorted(str(p.relative_to(collected)) for p in files) == sorted(VENDOR_FILES)
