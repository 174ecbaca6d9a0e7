"""Errors of background work meant for the job's owner to read: one line each."""


class JobError(Exception):
    """Work refused or failed for a reason the owner can act on; the message is shown as it is."""


class WorkerLost(Exception):
    """The worker running a job stopped without finishing it (killed, out of memory, machine down)."""
