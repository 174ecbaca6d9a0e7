"""WSGI entry point: ``gunicorn reformtrack.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reformtrack.settings")

application = get_wsgi_application()

# no site without a SECRET_KEY of its own once DEBUG is off (reformtrack.E001)
from reformtrack.accounts.checks import refuse_to_serve_without_a_key  # noqa: E402

refuse_to_serve_without_a_key()
