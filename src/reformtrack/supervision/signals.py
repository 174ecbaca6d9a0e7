"""The supervision app's signals: news of orders, extension requests and bulletins for the apps
built on it (the notices of :mod:`reformtrack.reminders`).

Supervision imports nothing of the apps above it. The services send these after their transaction
commits (:func:`reformtrack.reporting.signals.send_after_commit`): a receiver mails and writes on
its own, and a rolled-back action announces nothing.
"""

from django.dispatch import Signal

# An order was issued, answered, closed or escalated. Sent with ``sender=SupervisionOrder`` and the
# keyword arguments ``order`` (as saved), ``event`` ("issued", "answered", "closed", "escalated"),
# ``by`` and, for "escalated", ``successor`` (the new order of the next grade).
order_event = Signal()

# An extension request was made or decided. Sent with ``sender=ExtensionRequest`` and the keyword
# arguments ``request``, ``event`` ("requested" or "decided") and ``by``.
extension_event = Signal()

# A bulletin was issued with its number. Sent with ``sender=Bulletin`` and ``bulletin`` and ``by``.
bulletin_issued = Signal()
