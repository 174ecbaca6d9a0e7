"""The OpenAPI schema: readable without login, valid (openapi-spec-validator), JSON and YAML, every
operation with its error answers; Swagger UI served from the site's own files under the CSP."""

from __future__ import annotations

from typing import Any

import yaml
from django.contrib.staticfiles import finders
from django.test import Client
from openapi_spec_validator import validate


def _schema(client: Client) -> dict[str, Any]:
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    found: dict[str, Any] = response.json()
    return found


def test_the_schema_is_valid_openapi_3(db: None, client: Client) -> None:
    schema = _schema(client)

    validate(schema)
    assert schema["openapi"].startswith("3.")
    assert {"/api/projects/", "/api/reports/", "/api/public/projects/"} <= set(schema["paths"])


def test_the_schema_downloads_as_yaml(db: None, client: Client) -> None:
    response = client.get("/api/schema/", {"format": "yaml"})

    assert response.status_code == 200
    assert yaml.safe_load(response.content)["paths"].keys() == _schema(client)["paths"].keys()


def test_every_operation_documents_its_errors(db: None, client: Client) -> None:
    for path, operations in _schema(client)["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            assert "429" in codes and "404" in codes, (method, path)
            if not path.startswith("/api/public/"):
                assert {"401", "403"} <= codes, (method, path)
            if method in ("post", "patch"):
                assert {"400", "409"} <= codes, (method, path)


def test_swagger_ui_loads_only_the_sites_files(db: None, client: Client) -> None:
    page = client.get("/api/docs/")
    script = client.get("/api/docs/", {"script": ""})

    assert page.status_code == 200 and script.status_code == 200
    html = page.content.decode()
    assert "http://" not in html and "https://" not in html and "<style" not in html
    assert "<script>" not in html  # every script is a file: the CSP forbids inline code
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "unsafe-inline" not in page["Content-Security-Policy"]
    for name in ("swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "swagger-ui.css"):
        assert finders.find(f"drf_spectacular_sidecar/swagger-ui-dist/{name}"), name
    assert finders.find("api/swagger.css")
