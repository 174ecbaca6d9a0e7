"""Errors of the webhooks app that a user can cause, with a message fit to show."""


class WebhookError(Exception):
    """An action on an endpoint or a delivery that its state does not allow (a ping to an archived
    endpoint, a retry of a delivery that has not failed)."""


class ConcurrentEndpointEdit(WebhookError):
    """Somebody saved the endpoint after the form was opened; nothing was saved."""
