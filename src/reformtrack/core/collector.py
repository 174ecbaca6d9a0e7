"""Python's garbage collector tuned for serving pages.

A city-scale page (the library, the roadmap) makes some hundred thousand short-lived objects.
With CPython's default thresholds (700, 10, 10) the collector runs many times a request, and every
few requests a full collection walks the whole heap -- Django's and ours, loaded at start -- which
made one request in ten two to three times slower than the median (`reformtrack bench web`, p95
over twice the median). :func:`tune` moves everything loaded at start-up out of the collector's
sight (``gc.freeze``) and lets the youngest generation grow to 50,000 objects before a collection.

What is left are the cycles every page leaves behind: each prefetched row points to its project
and the project's prefetch cache back to the row (``ProjectUnit`` ↔ ``Project``), so some 2,000 to
3,500 objects of a library or roadmap page are freed by the collector only, never by reference
counting. With the young generation at 50,000 they were collected in one go every twenty requests
or so, 35-55 ms each, inside whichever request crossed the threshold: the pages' p95. Collecting
the two younger generations when each request finishes frees them in the request that made them
(about 1 ms; measured with a collector callback over `reformtrack bench web`'s pages, 100 requests:
all collections together 207 ms before, 103 ms after, the largest 53 ms before and under 5 ms
after the first). Generation 1 is included on purpose: when ``request_finished`` fires, the
finishing request's own objects are still referenced by the handler, so they survive into
generation 1 and are freed by the next request's collection instead of piling up there.
"""

from __future__ import annotations

import gc
from typing import Any

from django.core.signals import request_finished

# Objects allocated (less those freed) before a young-generation collection; then, as CPython's
# defaults, 20 young collections per middle one and 100 middle per full (with the 25 % rule).
THRESHOLDS = (50_000, 20, 100)


def collect_after_request(**kwargs: Any) -> None:
    """Free the cyclic garbage of the requests before this one (``request_finished`` receiver)."""
    gc.collect(1)


def tune() -> None:
    """Freeze what is loaded now and raise the collector's thresholds (once the apps are ready)."""
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)
    request_finished.connect(collect_after_request, dispatch_uid="reformtrack.core.collector")
