"""The reporting app's signals: news of a reviewed report for the apps built on it.

Reporting imports nothing of the apps above it. The status lights (:mod:`reformtrack.status`)
count accepted and returned reports, so they connect a receiver in their ``AppConfig.ready``. The
services send the signal themselves, inside their transaction: the receiver's writes (the light
judged again and recorded) commit or roll back with the review.
"""

from typing import Any

from django.db import transaction
from django.dispatch import Signal

# A submitted report was accepted or returned by the coordinating office. Sent by report_accept and
# report_return with ``sender=ProgressReport`` and the keyword arguments ``report`` (as saved),
# ``project`` (its project, as saved after an acceptance's changes), ``by`` (the reviewer) and
# ``accepted`` (True for an acceptance, False for a return).
report_reviewed = Signal()

# A report was submitted (or resubmitted), returned or accepted: news for the notices (the
# reminders app) once the write is committed, never inside it, so a notice is of what happened.
# Sent with ``sender=ProgressReport`` and the keyword arguments ``report`` (as saved), ``event``
# ("submitted", "returned" or "accepted") and ``by`` (who acted).
report_event = Signal()


def send_after_commit(signal: Signal, *, sender: type, **kwargs: Any) -> None:
    """Send ``signal`` once the current transaction commits (at once outside one); a rollback
    sends nothing. The apps above connect receivers that write and mail on their own."""
    transaction.on_commit(lambda: signal.send(sender=sender, **kwargs))
