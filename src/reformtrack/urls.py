"""URLs: the staff pages (web) and the ledger's at the root, accounts, the import wizard, the apps' pages,
the language switch, the admin."""

from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

urlpatterns: list[URLPattern | URLResolver] = [
    path("accounts/", include("reformtrack.accounts.urls")),
    path("import/", include("reformtrack.imports.urls")),
    path("reports/", include("reformtrack.reporting.urls")),
    path("supervision/", include("reformtrack.supervision.urls")),
    path("status/", include("reformtrack.status.urls")),
    path("reminders/", include("reformtrack.reminders.urls")),
    path("jobs/", include("reformtrack.jobs.urls")),
    path("studies/", include("reformtrack.studies.urls")),
    path("risk/", include("reformtrack.risk.urls")),
    path("evaluation/", include("reformtrack.evaluation.urls")),
    path("cases/", include("reformtrack.cases.urls")),
    path("award/", include("reformtrack.award.urls")),
    path("appraisal/", include("reformtrack.appraisal.urls")),
    path("ratings/", include("reformtrack.ratings.urls")),
    path("webhooks/", include("reformtrack.webhooks.urls")),
    path("api/", include("reformtrack.api.urls")),
    # the public portal: anonymous, read only, apart from the staff pages
    path("public/ratings/", include("reformtrack.ratings.public_urls")),
    path("public/award/", include("reformtrack.award.public_urls")),
    path("public/", include("reformtrack.portal.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("reformtrack.web.urls")),
    path("", include("reformtrack.ledger.urls")),
]
