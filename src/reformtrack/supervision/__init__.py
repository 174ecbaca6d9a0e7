"""Supervision (督查督办): supervision orders, extension requests, bulletins, accountability records."""
