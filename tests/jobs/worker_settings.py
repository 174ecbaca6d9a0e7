"""The site's settings plus the slow job kind of the worker-kill test (``tests.jobs.slow_site``)."""

from reformtrack.settings import *  # noqa: F403

JOB_EXTRA_TASKS = {"slow_count": "tests.jobs.slow_site.count_slowly"}
