"""Page-number pagination: ``?page=2&page_size=100``, the size bounded by ``API_MAX_PAGE_SIZE``."""

from __future__ import annotations

from django.conf import settings
from rest_framework import pagination
from rest_framework.request import Request


class PageNumberPagination(pagination.PageNumberPagination):
    """``count``, ``next``, ``previous`` and ``results``; a page past the last answers 404."""

    page_size_query_param = "page_size"

    def get_page_size(self, request: Request) -> int:
        self.page_size = int(settings.API_PAGE_SIZE)
        self.max_page_size = int(settings.API_MAX_PAGE_SIZE)
        return int(super().get_page_size(request) or self.page_size)
