"""Once the apps are ready the garbage collector is tuned for serving pages."""

from __future__ import annotations

import gc

from reformtrack.core.collector import THRESHOLDS


def test_the_collector_is_tuned_once_django_is_set_up() -> None:
    assert gc.get_threshold() == THRESHOLDS
    assert gc.get_freeze_count() > 0  # what was loaded at start-up is out of the collector's sight
