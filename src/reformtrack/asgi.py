"""ASGI entry point: ``uvicorn reformtrack.asgi:application``."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reformtrack.settings")

application = get_asgi_application()
