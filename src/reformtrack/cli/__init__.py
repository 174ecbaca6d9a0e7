"""The ``reformtrack`` command: parse, import, show and export plans; Django's commands fall through.

Bad input ends with exit code 2 and one line on stderr (``Error: …``), never a traceback.
``parse`` and ``bench`` load no Django; the other commands set it up when they run.

The group and what its commands share are in :mod:`.base`; the commands in :mod:`.plan_commands`,
:mod:`.bench_commands` and :mod:`.backup_commands`, registered on the group when they are imported
here. ``main`` is the console script (``reformtrack = "reformtrack.cli:main"``).
"""

from __future__ import annotations

from . import backup_commands, bench_commands, plan_commands
from .base import UserError, cli, main

__all__ = ["UserError", "backup_commands", "bench_commands", "cli", "main", "plan_commands"]
