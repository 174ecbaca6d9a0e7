"""ASGI entry point: ``uvicorn reformtrack.asgi:application``."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reformtrack.settings")

application = get_asgi_application()

# no site without a SECRET_KEY of its own once DEBUG is off (reformtrack.E001)
from reformtrack.accounts.checks import refuse_to_serve_without_a_key  # noqa: E402

refuse_to_serve_without_a_key()
