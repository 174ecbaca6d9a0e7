from django.apps import AppConfig

from reformtrack.core import collector


class WebConfig(AppConfig):
    """The staff pages that cross domains: the dashboard, the project page, my work, the roadmap,
    the project library's export and its background job. They read the ledger and the apps built on
    it (reporting, status, supervision, jobs), which is why they sit above all of them."""

    name = "reformtrack.web"
    label = "web"

    def ready(self) -> None:
        # The process serves pages: tune the garbage collector for them (core/collector.py).
        collector.tune()
