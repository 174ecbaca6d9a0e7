"""The ledger's signals: the one place where news of a ledger write goes up to the apps built on it.

The ledger imports nothing of the apps above it. An app that must follow a change (the status
lights, :mod:`reformtrack.status`) connects a receiver in its ``AppConfig.ready``. The ledger's
services send these signals themselves (no model's ``save`` does), inside their transaction: a
receiver's writes commit or roll back with the change, and a receiver's error undoes it.
"""

from django.dispatch import Signal

# A project changed in something its status light depends on: its progress, status or deadline, a
# measure's progress, a milestone. Sent by the services with ``sender=Project`` and the keyword
# arguments ``project`` (as saved) and ``by`` (the user who changed it).
project_changed = Signal()

# A plan was imported: stored with its whole tree, in plan_import's transaction. Sent with
# ``sender=Plan`` and the keyword arguments ``plan`` and ``by`` (the importing user, or None).
plan_imported = Signal()

# Many projects of one plan changed at once in what their lights depend on (a ledger's progress
# update). Sent with ``sender=Plan`` and the keyword arguments ``plan`` and ``by``; the status app
# judges the plan's lights once instead of once per project.
plan_progress_updated = Signal()
