"""Once the apps are ready the garbage collector is tuned for serving pages."""

from __future__ import annotations

import gc
import weakref

from django.test import Client

from reformtrack.core.collector import THRESHOLDS


def test_the_collector_is_tuned_once_django_is_set_up() -> None:
    assert gc.get_threshold() == THRESHOLDS
    assert gc.get_freeze_count() > 0  # what was loaded at start-up is out of the collector's sight


class _Node:
    """An object that can be in a reference cycle and be watched through a weak reference."""

    def __init__(self) -> None:
        self.other: _Node | None = None


def test_a_finished_request_frees_the_cycles_left_before_it(client: Client) -> None:
    # A cycle only the collector can free, as a prefetched page leaves them (row ↔ project).
    first, second = _Node(), _Node()
    first.other, second.other = second, first
    watched = weakref.ref(first)
    gc.collect(0)  # still in use: moved to generation 1, where a request's leftovers are when it ends
    del first, second
    assert watched() is not None  # garbage now, but reference counting cannot free a cycle
    client.get("/accounts/login/")
    assert watched() is None
