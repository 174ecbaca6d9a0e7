"""Outgoing webhooks: signed, retried, idempotent deliveries of the platform's events."""
