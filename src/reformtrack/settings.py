"""Django settings, read from environment variables through typed helpers.

Every variable is documented in ``docs/settings.md`` (a test keeps the two in step). Out of the box
the database is a SQLite file in the data folder; ``DATABASE_URL`` switches to PostgreSQL.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from importlib.util import find_spec
from ipaddress import ip_network
from pathlib import Path

import dj_database_url
import django_stubs_ext
from csp.constants import NONE, SELF, UNSAFE_HASHES
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

# Lets admin.ModelAdmin[Unit] and friends be subscripted at run time, as mypy wants them written.
django_stubs_ext.monkeypatch()

PACKAGE_DIR = Path(__file__).resolve().parent
# src/reformtrack -> src -> the checkout (only meaningful for an editable install)
CHECKOUT_DIR = PACKAGE_DIR.parent.parent


def envstr(name: str, default: str) -> str:
    """The variable as text; unset or empty gives the default."""
    return os.environ.get(name) or default


def envbool(name: str, default: str) -> bool:
    """The variable as a yes/no flag: ``True``/``1``/``yes``/``on`` (any case) are true, the rest false."""
    return envstr(name, default).strip().lower() in {"true", "1", "yes", "on"}


def envint(name: str, default: str) -> int:
    """The variable as an integer; a value that is not one stops the start with a clear message."""
    value = envstr(name, default)
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from None


def envlist(name: str, default: str) -> list[str]:
    """The variable as a comma-separated list, blanks dropped."""
    return [part.strip() for part in envstr(name, default).split(",") if part.strip()]


def envintlist(name: str, default: str) -> list[int]:
    """The variable as a comma-separated list of whole numbers of zero or more."""
    values = envlist(name, default)
    if not all(value.isdigit() for value in values):
        raise ImproperlyConfigured(f"{name} must be whole numbers separated by commas, not {values!r}")
    return [int(value) for value in values]


def default_home() -> Path:
    """The data folder if ``REFORMTRACK_HOME`` is unset: ``data/`` of a checkout, else ``~/.reformtrack``."""
    if (CHECKOUT_DIR / "pyproject.toml").exists():
        return CHECKOUT_DIR / "data"
    return Path.home() / ".reformtrack"


HOME_DIR = Path(envstr("REFORMTRACK_HOME", str(default_home()))).expanduser()

# Off unless asked for: an installed site never shows Django's debug pages. `make run` and the tests
# turn it on (Makefile, pyproject's pytest env).
DEBUG = envbool("DEBUG", "False")
INSECURE_SECRET_KEY = "reformtrack-insecure-development-key"  # only ever with DEBUG on
# Without DEBUG and without SECRET_KEY, commands (migrate, import, export …) run with a random key of
# their own process: nothing they do outlives it. Serving the web so would log everyone out at each
# restart and break signed links between workers: refused (reformtrack.E001, accounts/checks.py).
SECRET_KEY_SET = bool(os.environ.get("SECRET_KEY"))
if SECRET_KEY_SET:
    SECRET_KEY = os.environ["SECRET_KEY"]
elif DEBUG:
    SECRET_KEY = INSECURE_SECRET_KEY
else:
    SECRET_KEY = secrets.token_urlsafe(50)
if not DEBUG and SECRET_KEY == INSECURE_SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must not be the development key when DEBUG is off")

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "csp",
    "django_filters",
    # the REST API (reformtrack.api): DRF, its OpenAPI schema, Swagger UI's files served from here
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "django_tasks",
    # before django_tasks_db: its `db_worker` command wraps theirs (recovers jobs whose worker died)
    "reformtrack.jobs",
    "django_tasks_db",
    # only with the `rq` extra (pip install 'reformtrack[rq]'): RQ_INSTALLED below
    *(["django_rq"] if find_spec("django_rq") and find_spec("django_tasks_rq") else []),
    "reformtrack.ledger",
    "reformtrack.accounts",
    "reformtrack.imports",
    "reformtrack.reporting",
    "reformtrack.supervision",
    "reformtrack.status",
    "reformtrack.reminders",
    "reformtrack.studies",
    "reformtrack.risk",
    "reformtrack.evaluation",
    "reformtrack.cases",
    "reformtrack.award",
    "reformtrack.appraisal",
    "reformtrack.portal",
    "reformtrack.ratings",
    "reformtrack.api",
    "reformtrack.webhooks",
    "reformtrack.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # DEBUG off: answers /static/ from STATIC_ROOT when nothing in front did (docs/deployment.md);
    # DEBUG on, the development server and the tests' live server serve them from the finders.
    *([] if DEBUG else ["whitenoise.middleware.WhiteNoiseMiddleware"]),
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "reformtrack.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # a signed-in user without a role (an external expert) reaches only their assignments
    "reformtrack.evaluation.middleware.NoRoleFenceMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # records the logged-in user on every history row a request writes
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # last, as django-axes asks: turns a locked-out login into the lockout page
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "reformtrack.urls"
WSGI_APPLICATION = "reformtrack.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]
# Django's form renderer with <select> written in Python: the library's filters list ~900 options.
FORM_RENDERER = "reformtrack.core.forms.FormRenderer"

DATABASE_URL = envstr("DATABASE_URL", f"sqlite:///{HOME_DIR / 'reformtrack.sqlite3'}")
if not os.environ.get("DATABASE_URL"):
    # SQLite cannot create the folder its file lives in.
    HOME_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=envint("DB_CONN_MAX_AGE", "0"))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("TEST", {})
    # pytest-django / manage.py test create test_<NAME>; keep it overridable for parallel CI jobs.
    if os.environ.get("TEST_DATABASE_NAME"):
        DATABASES["default"]["TEST"]["NAME"] = os.environ["TEST_DATABASE_NAME"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Models without a table (django-rq's admin dashboard) are not in the database: `dumpdata` skips them.
DATABASE_ROUTERS = ["reformtrack.routers.TablelessModelsRouter"]

# Argon2 first: new and changed passwords are hashed with it, older hashes are upgraded at login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTHENTICATION_BACKENDS = [
    # refuses logins of a locked-out username from the same address (django-axes), then Django's own
    "reformtrack.accounts.backends.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# After AXES_FAILURE_LIMIT failed logins a username is locked out from that address (another
# address, or another username from it, still works) for AXES_COOLOFF_MINUTES; after
# AXES_ADDRESS_FAILURE_LIMIT failures from one address, whatever the usernames, that address is
# (accounts/lockout.py). The address is the client's: X-Forwarded-For counts only from TRUSTED_PROXIES.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", "5")
AXES_ADDRESS_FAILURE_LIMIT = envint("AXES_ADDRESS_FAILURE_LIMIT", "30")
AXES_COOLOFF_TIME = timedelta(minutes=envint("AXES_COOLOFF_MINUTES", "30"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = "reformtrack.accounts.lockout.AddressLimitHandler"
AXES_CLIENT_IP_CALLABLE = "reformtrack.accounts.lockout.client_address"
AXES_LOCKOUT_CALLABLE = "reformtrack.accounts.lockout.lockout_response"
TRUSTED_PROXIES = envlist("TRUSTED_PROXIES", "")
for _proxy in TRUSTED_PROXIES:
    try:
        ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {_proxy!r} is not an address or network") from None
# Chinese first whatever the language chosen (the lockout page says the same: lockout.html).
AXES_COOLOFF_MESSAGE = (
    "登录失败次数过多，账户已暂时锁定，请稍后再试。 Too many failed logins: try again later."
)
AXES_PERMALOCK_MESSAGE = "登录失败次数过多，账户已锁定，请联系区委（政府）办。 Too many failed logins."
# Every failed login is kept (address, user agent, time: axes' AccessFailureLog), not only the
# running count, so the office can see who tried what after a lockout was lifted.
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# No start-up banner: it would be a second line on every command's stderr.
AXES_VERBOSE = False

# A login lasts a working day at most, and ends when the browser closes.
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", str(8 * 60 * 60))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# HTTPS, secure by default once DEBUG is off (docs/deployment.md, "HTTPS"): cookies over HTTPS only,
# plain HTTP redirected to HTTPS, and HSTS for a year. Where the proxy in front already redirects,
# SECURE_SSL_REDIRECT=0; SECURE_HSTS_SECONDS=0 leaves HSTS to it. includeSubDomains and preload bind
# every subdomain and the browsers' lists for months: the site owner's decision, off unless set.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = envbool("SECURE_COOKIES", str(not DEBUG))
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", str(not DEBUG))
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "0" if DEBUG else str(365 * 24 * 60 * 60))
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "False")
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "False")
X_FRAME_OPTIONS = "DENY"
# Behind a reverse proxy that terminates HTTPS and says so in X-Forwarded-Proto.
if envbool("BEHIND_HTTPS_PROXY", "False"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy (django-csp): every script, style, image and font from the site itself, no
# inline script or style attribute (templates load static files only), no framing, forms post
# only here. data: images are Bootstrap's inline SVG icons (select arrows, checkboxes) in its CSS.
# One exception, by hash: django-simple-history's admin history page writes style="border-top: 0" on
# its paginator ('unsafe-hashes' lets that exact attribute through, and no other).
HISTORY_PAGINATOR_STYLE = "'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='"  # border-top: 0
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_HASHES, HISTORY_PAGINATOR_STYLE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# The REST API at /api/ (reformtrack.api, docs/api.md). A token (Authorization: Token <key>, issued by
# the coordinating office at /api/tokens/) or the signed-in session; JSON only (the browsable pages
# are the Swagger UI at /api/docs/, served from drf-spectacular-sidecar's static files, CSP-clean).
# Throttles count in Django's cache (the default per-process memory cache: one count per server
# process; a shared cache backend makes the limits site-wide).
API_TOKEN_RATE = envstr("API_TOKEN_RATE", "1200/hour")  # requests per token (or signed-in user)
API_ANON_RATE = envstr("API_ANON_RATE", "300/hour")  # anonymous requests per client address
API_PAGE_SIZE = envint("API_PAGE_SIZE", "50")  # rows of a list page unless ?page_size= asks otherwise
API_MAX_PAGE_SIZE = envint("API_MAX_PAGE_SIZE", "200")  # the most ?page_size= may ask for
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "reformtrack.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["reformtrack.api.access.ApiAccess"],
    "DEFAULT_THROTTLE_CLASSES": [
        "reformtrack.api.throttles.TokenRateThrottle",
        "reformtrack.api.throttles.AnonRateThrottle",
    ],
    "DEFAULT_PAGINATION_CLASS": "reformtrack.api.pagination.PageNumberPagination",
    "DEFAULT_FILTER_BACKENDS": [
        "reformtrack.api.filters.BoundedFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "reformtrack API",
    "DESCRIPTION": "Plans, projects, targets, reports, orders and lights of reformtrack (docs/api.md).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # no call to the online validator (swagger.io): nothing leaves the site
    "SWAGGER_UI_SETTINGS": {"validatorUrl": None},
    "COMPONENT_SPLIT_REQUEST": True,
    # the status fields of projects, reports, orders and bulletins: one enum name each
    "ENUM_NAME_OVERRIDES": {
        "ProjectStatusEnum": "reformtrack.ledger.choices.ProjectStatus",
        "ReportStatusEnum": "reformtrack.reporting.choices.ReportStatus",
        "OrderStatusEnum": "reformtrack.supervision.choices.OrderStatus",
        "BulletinStatusEnum": "reformtrack.supervision.choices.BulletinStatus",
    },
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [
    ("zh-hans", _("Simplified Chinese")),
    ("en", _("English")),
]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
# 2025年6月30日 shown and typed (src/reformtrack/formats/): Django's zh_Hans input formats cannot read it
FORMAT_MODULE_PATH = ["reformtrack.formats"]
USE_TZ = True

STATIC_URL = "static/"
# The project's own static files, and the files the pages load from the npm packages (package.json,
# only those listed in reformtrack/vendor.py), copied into static/vendor/ when the package is built or
# installed (setup.py, `make install`): never the rest of node_modules. A folder that is not there is
# left out rather than warned about.
STATICFILES_DIRS: list[Path | tuple[str, Path]] = []
if (PACKAGE_DIR / "static").is_dir():
    STATICFILES_DIRS.append(PACKAGE_DIR / "static")
STATIC_ROOT = Path(envstr("STATIC_ROOT", str(HOME_DIR / "static")))
# `reformtrack collectstatic` copies them into STATIC_ROOT with a gzip copy of each; WhiteNoise serves
# them from there (DEBUG off) to a site with nothing in front of it; nginx in front serves STATIC_ROOT
# itself (docs/deployment.md). Names stay unhashed: a page never fails for a missing manifest entry.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_URL = "media/"
MEDIA_ROOT = Path(envstr("MEDIA_ROOT", str(HOME_DIR / "media")))
REPORT_MAX_UPLOAD_MB = envint("REPORT_MAX_UPLOAD_MB", "20")  # largest evidence file of a progress report
REPORT_MAX_FILES = envint("REPORT_MAX_FILES", "10")  # evidence files kept on one report
REPORT_MAX_TOTAL_MB = envint("REPORT_MAX_TOTAL_MB", "100")  # all evidence files of one report together
# an Office file (.docx, .xlsx) once unpacked, read from its zip directory without unpacking
REPORT_MAX_UNPACKED_MB = envint("REPORT_MAX_UNPACKED_MB", "100")

# The names official documents print (supervision/documents.py): the masthead (版头) and signature
# of bulletins and of the orders each office issues, the recipients (主送) and copies (抄送).
DOCUMENT_SUPERVISION_OFFICE = envstr("DOCUMENT_SUPERVISION_OFFICE", "区委（政府）督查室")
DOCUMENT_COORDINATING_OFFICE = envstr("DOCUMENT_COORDINATING_OFFICE", "区全面深化改革领导小组办公室")
DOCUMENT_BULLETIN_RECIPIENTS = envstr("DOCUMENT_BULLETIN_RECIPIENTS", "各街道办事处，区直各单位")
DOCUMENT_BULLETIN_COPY_TO = envstr(
    "DOCUMENT_BULLETIN_COPY_TO", "区委、区政府领导，区全面深化改革领导小组办公室"
)

# What parsing one plan document may cost (reformtrack.ingest.limits): past a limit the document is
# refused with one line and nothing is stored; past the repair's CPU seconds the repair stops and
# flags what is left for a person. `reformtrack parse` reads the same variables (and caps its memory).
DOCUMENT_MAX_SECONDS = envint("DOCUMENT_MAX_SECONDS", "10")  # the whole parse
DOCUMENT_MAX_MEMORY_MB = envint("DOCUMENT_MAX_MEMORY_MB", "1024")  # address space of `reformtrack parse`
DOCUMENT_MAX_UNPACKED_MB = envint("DOCUMENT_MAX_UNPACKED_MB", "50")  # a .docx unpacked, a PDF stream inflated
DOCUMENT_MAX_PAGES = envint("DOCUMENT_MAX_PAGES", "500")  # pages of a PDF
DOCUMENT_MAX_OPERATORS = envint("DOCUMENT_MAX_OPERATORS", "50000")  # content-stream operators of a PDF page
DOCUMENT_MAX_CHARACTERS = envint("DOCUMENT_MAX_CHARACTERS", "2000000")  # text read, any format
DOCUMENT_REPAIR_SECONDS = envint("DOCUMENT_REPAIR_SECONDS", "3")  # CPU seconds of the damaged-text search

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"

# Background work (reminders, bulletins, large exports) goes through Django's Tasks API.
# TASKS_BACKEND=db (default): tasks wait in the database for `reformtrack db_worker` — a single
# machine needs nothing else running. TASKS_BACKEND=rq: tasks go to Redis (REDIS_URL) for RQ workers
# (`reformtrack rqworker default`) on any of several app servers. TASKS_BACKEND=immediate runs them
# in the request itself (development only).
TASKS_BACKEND = envstr("TASKS_BACKEND", "db")
_TASK_BACKENDS = {
    "db": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if TASKS_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be one of {', '.join(_TASK_BACKENDS)}, not {TASKS_BACKEND!r}"
    )
# RQ, its Redis client and the admin's queue pages (django-rq) come with the `rq` extra.
RQ_INSTALLED = "django_rq" in INSTALLED_APPS
if TASKS_BACKEND == "rq" and not RQ_INSTALLED:
    raise ImproperlyConfigured(
        "TASKS_BACKEND=rq needs RQ and its Redis client: pip install 'reformtrack[rq]'"
    )
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASKS_BACKEND], "QUEUES": ["default"]}}
REDIS_URL = envstr("REDIS_URL", "redis://127.0.0.1:6379/0")
RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 600}}
# `reformtrack rqworker` uses this worker class (it re-runs or fails the jobs of workers that died)
# and django-tasks-rq's job class, without which an RQ worker cannot run a task at all.
RQ = {"WORKER_CLASS": "reformtrack.jobs.rqworker.RecoveringRQWorker", "JOB_CLASS": "django_tasks_rq.Job"}
# A running job beats its heartbeat at least this often (every progress step); one silent for longer
# lost its worker: a worker or the scheduler runs it again, up to JOB_MAX_ATTEMPTS runs, then marks
# it failed. A worker checks when it starts and every half lease, so such a job is taken up within
# 1.5 leases of the next worker starting.
JOB_LEASE_SECONDS = envint("JOB_LEASE_SECONDS", "60")
JOB_MAX_ATTEMPTS = envint("JOB_MAX_ATTEMPTS", "3")
if JOB_LEASE_SECONDS < 1 or JOB_MAX_ATTEMPTS < 1:
    raise ImproperlyConfigured("JOB_LEASE_SECONDS and JOB_MAX_ATTEMPTS must be 1 or more")

# E-mail (reminders). Console output while developing; SMTP as soon as EMAIL_HOST is set. Without
# EMAIL_HOST and with DEBUG off, mail goes to the SMTP server on localhost (Django's default).
EMAIL_HOST = envstr("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
elif DEBUG:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
else:
    EMAIL_HOST = "localhost"
EMAIL_PORT = envint("EMAIL_PORT", "25")
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "False")
EMAIL_TIMEOUT = 30  # seconds; a hung SMTP server must not hold a reminder run for ever
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "reformtrack@localhost")

# Reminders (催办 / 提醒): days before and after a deadline, and how often a failed send is retried.
# The address people open the platform at (https://reform.example.gov.cn): e-mails and group-robot
# messages end with a link to what they are about. Empty: they carry the text alone.
SITE_URL = envstr("SITE_URL", "")
REMINDER_DAYS_BEFORE = envintlist("REMINDER_DAYS_BEFORE", "7,1")
REMINDER_DAYS_AFTER = envintlist("REMINDER_DAYS_AFTER", "1,7")
REMINDER_MAX_ATTEMPTS = envint("REMINDER_MAX_ATTEMPTS", "5")
# The hour (local time) from which the reminder run gathers the day's digest of event notices for
# those who chose one; each person gets one digest a day.
NOTICE_DIGEST_HOUR = envint("NOTICE_DIGEST_HOUR", "8")

# Logging: one line per event on stderr (the service manager's journal keeps it). django.request logs
# every 4xx and 5xx answer (refused permissions included), django.security suspicious requests,
# axes each failed login and lockout, reformtrack the platform's own events (jobs, reminders).
# LOG_LEVEL is the level of the last.
LOG_LEVEL = envstr("LOG_LEVEL", "INFO").upper()
# Citizens' ratings (docs/security.md): posts per client per window, and the SMS gateway's sender
# class (dotted path, a class with send(phone, text)); empty: no gateway, the signed cookie is the key.
RATINGS_RATE_LIMIT = envint("RATINGS_RATE_LIMIT", "10")
RATINGS_RATE_WINDOW = envint("RATINGS_RATE_WINDOW", "60")
RATINGS_SMS_SENDER = envstr("RATINGS_SMS_SENDER", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "formatter": "line"},
    },
    "root": {"handlers": ["stderr"], "level": "WARNING"},
    "loggers": {
        # replaces Django's own console handler (DEBUG only), which would print each line twice
        "django": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "django.request": {"level": "WARNING"},
        "django.security": {"level": "INFO"},
        # failed logins and lockouts are axes' warnings; its info lines (each success) are noise
        "axes": {"level": "WARNING"},
        "reformtrack": {"level": LOG_LEVEL},
    },
}
