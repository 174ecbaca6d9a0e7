"""The REST API at /api/ (Django REST framework) and its OpenAPI schema."""
