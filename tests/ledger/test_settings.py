"""Settings come from environment variables through typed helpers; SQLite by default."""

from __future__ import annotations

import runpy
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured

import reformtrack.settings
from reformtrack.settings import envbool, envint, envlist, envstr

SETTINGS_FILE = reformtrack.settings.__file__
SETTINGS_VARIABLES = ["DATABASE_URL", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "REFORMTRACK_HOME"]


def load_settings(monkeypatch: pytest.MonkeyPatch, **env: str) -> dict[str, Any]:
    for name in [
        "DATABASE_URL",
        "DEBUG",
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "REFORMTRACK_HOME",
        "TEST_DATABASE_NAME",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SECURE_COOKIES",
    ]:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(SETTINGS_FILE)


def test_the_helpers_read_typed_values(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RT_FLAG", "yes")
    monkeypatch.setenv("RT_NUMBER", "42")
    monkeypatch.setenv("RT_LIST", "a, b,,c ")
    monkeypatch.setenv("RT_EMPTY", "")

    assert envbool("RT_FLAG", "False") is True
    assert envbool("RT_MISSING", "False") is False
    assert envint("RT_NUMBER", "0") == 42
    assert envlist("RT_LIST", "") == ["a", "b", "c"]
    assert envstr("RT_EMPTY", "default") == "default"


def test_a_bad_integer_stops_the_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RT_NUMBER", "many")

    with pytest.raises(ImproperlyConfigured, match="RT_NUMBER must be an integer"):
        envint("RT_NUMBER", "0")


def test_the_default_database_is_sqlite_in_the_home_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    home = tmp_path / "home"

    settings = load_settings(monkeypatch, REFORMTRACK_HOME=str(home))

    database = settings["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == str(home / "reformtrack.sqlite3")
    assert home.is_dir()  # SQLite needs the folder to exist
    assert settings["MEDIA_ROOT"] == home / "media"


def test_database_url_switches_to_postgresql(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_settings(monkeypatch, DATABASE_URL="postgres://postgres@127.0.0.1:5432/test")

    database = settings["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["NAME"], database["USER"], database["HOST"], database["PORT"]) == (
        "test",
        "postgres",
        "127.0.0.1",
        5432,
    )


def test_debug_is_off_unless_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_settings(monkeypatch)["DEBUG"] is False
    assert load_settings(monkeypatch, DEBUG="1")["DEBUG"] is True


def test_without_debug_and_key_each_process_draws_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = load_settings(monkeypatch), load_settings(monkeypatch)

    assert first["SECRET_KEY_SET"] is False
    assert first["SECRET_KEY"] != second["SECRET_KEY"]
    assert len(first["SECRET_KEY"]) >= 50 and first["SECRET_KEY"] != first["INSECURE_SECRET_KEY"]
    debug = load_settings(monkeypatch, DEBUG="1")
    assert debug["SECRET_KEY"] == debug["INSECURE_SECRET_KEY"]


def test_it_refuses_the_development_key_without_debug(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        load_settings(monkeypatch, DEBUG="False", SECRET_KEY="reformtrack-insecure-development-key")

    settings = load_settings(monkeypatch, DEBUG="False", SECRET_KEY="s3cret", ALLOWED_HOSTS="rt.example.org")
    assert settings["DEBUG"] is False and settings["SECRET_KEY"] == "s3cret" and settings["SECRET_KEY_SET"]
    assert settings["ALLOWED_HOSTS"] == ["rt.example.org"]


def test_production_is_https_only_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_settings(monkeypatch, SECRET_KEY="s3cret")

    assert settings["SECURE_SSL_REDIRECT"] is True
    assert settings["SECURE_HSTS_SECONDS"] == 365 * 24 * 60 * 60
    # the site owner's decisions (docs/deployment.md): off unless set
    assert settings["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is False and settings["SECURE_HSTS_PRELOAD"] is False
    assert settings["SESSION_COOKIE_SECURE"] is settings["CSRF_COOKIE_SECURE"] is True


def test_a_proxy_that_does_tls_turns_redirect_and_hsts_off(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_settings(
        monkeypatch, SECRET_KEY="s3cret", SECURE_SSL_REDIRECT="0", SECURE_HSTS_SECONDS="0"
    )

    assert settings["SECURE_SSL_REDIRECT"] is False and settings["SECURE_HSTS_SECONDS"] == 0
    owner = load_settings(
        monkeypatch, SECRET_KEY="s3cret", SECURE_HSTS_INCLUDE_SUBDOMAINS="1", SECURE_HSTS_PRELOAD="1"
    )
    assert owner["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True and owner["SECURE_HSTS_PRELOAD"] is True


def test_make_run_serves_plain_http(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_settings(monkeypatch, DEBUG="1")

    assert settings["SECURE_SSL_REDIRECT"] is False and settings["SECURE_HSTS_SECONDS"] == 0


def test_it_speaks_chinese_first_in_shanghai_time(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_settings(monkeypatch)

    assert settings["LANGUAGE_CODE"] == "zh-hans"
    assert [code for code, _ in settings["LANGUAGES"]] == ["zh-hans", "en"]
    assert settings["TIME_ZONE"] == "Asia/Shanghai"
    assert settings["USE_I18N"] is True
    assert settings["DEFAULT_AUTO_FIELD"] == "django.db.models.BigAutoField"


@pytest.mark.django_db
def test_the_tests_run_on_the_database_of_database_url() -> None:
    import os

    from django.db import connection

    expected = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    assert connection.vendor == expected
    if expected == "postgresql":
        name = os.environ.get("TEST_DATABASE_NAME") or "test_" + os.environ["DATABASE_URL"].rsplit("/", 1)[1]
        assert connection.settings_dict["NAME"] == name
