"""The public portal at /public/: what the office has published, for citizens, without a login."""
