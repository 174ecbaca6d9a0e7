"""core: helpers every app shares (plain Python on top of Django, no models).

It sits below ``accounts`` and above ``ingest``: it may import ``ingest`` and Django, never an app of ours.
"""
