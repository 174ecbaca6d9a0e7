"""The database router: a model without a table (``managed = False``) is not in the database.

django-rq's ``Dashboard`` exists only to give the admin a permission and a menu entry; it has no
table. Django's ``dumpdata`` asks the routers which models live in the database and, with no router
saying otherwise, tried to read it: ``no such table: django_rq_dashboard``. Saying "not here" for
table-less models fixes ``dumpdata`` (and anything else that walks every model) at the cause.
"""

from __future__ import annotations

from typing import Any


class TablelessModelsRouter:
    """Keeps models without a table out of the database; has no opinion on any other model."""

    def allow_migrate(
        self, db: str, app_label: str, model_name: str | None = None, **hints: Any
    ) -> bool | None:
        model = hints.get("model")
        if model is not None and not model._meta.managed:
            return False
        return None
