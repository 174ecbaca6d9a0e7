"""Python's garbage collector tuned for serving pages.

A city-scale page (the library, the roadmap) makes some hundred thousand short-lived objects.
With CPython's default thresholds (700, 10, 10) the collector runs many times a request, and every
few requests a full collection walks the whole heap -- Django's and ours, loaded at start -- which
made one request in ten two to three times slower than the median (`reformtrack bench web`, p95
over twice the median). :func:`tune` moves everything loaded at start-up out of the collector's
sight (``gc.freeze``) and lets the youngest generation grow to 50,000 objects before a collection.
Measured on the city-scale programme: the library's p95 went from 110-119 ms to 54-64 ms and the
roadmap's from 96-141 ms to 60-71 ms, medians unchanged within noise (docs/benchmarks.md).
"""

from __future__ import annotations

import gc

# Objects allocated (less those freed) before a young-generation collection; then, as CPython's
# defaults, 20 young collections per middle one and 100 middle per full (with the 25 % rule).
THRESHOLDS = (50_000, 20, 100)


def tune() -> None:
    """Freeze what is loaded now and raise the collector's thresholds (once the apps are ready)."""
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)
