"""The reporting app's signals: news of a reviewed report for the apps built on it.

Reporting imports nothing of the apps above it. The status lights (:mod:`reformtrack.status`)
count accepted and returned reports, so they connect a receiver in their ``AppConfig.ready``. The
services send the signal themselves, inside their transaction: the receiver's writes (the light
judged again and recorded) commit or roll back with the review.
"""

from django.dispatch import Signal

# A submitted report was accepted or returned by the coordinating office. Sent by report_accept and
# report_return with ``sender=ProgressReport`` and the keyword arguments ``report`` (as saved),
# ``project`` (its project, as saved after an acceptance's changes), ``by`` (the reviewer) and
# ``accepted`` (True for an acceptance, False for a return).
report_reviewed = Signal()
