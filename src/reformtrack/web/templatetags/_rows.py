"""What the row-writing tags (``web_tables``, ``web_roadmap``) share; no tags of its own.

Those tags write their rows as f-strings because the template engine was most of a list page's
server time at city scale; this module holds the two pieces both need, so they escape and link alike.
"""

from __future__ import annotations

import html

from django.urls import reverse


def escape(value: object) -> str:
    """Text escaped for HTML as Django's autoescape does (``&<>"'``): the stdlib's escape, several
    times faster than :func:`~django.utils.html.format_html` over fifty rows."""
    return html.escape(str(value), quote=True)


class ProjectLinks:
    """The project page's URL for any key, reversed once per page instead of once per row."""

    # a key no project has (a number: the route takes <int>), replaced in the reversed URL
    _KEY = 987654321

    def __init__(self) -> None:
        self._pattern = reverse("web:project_detail", args=[self._KEY])

    def __call__(self, pk: int) -> str:
        return self._pattern.replace(str(self._KEY), str(pk))
