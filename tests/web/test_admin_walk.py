"""Every admin URL, for every role, answers as the access rules say (the admin's part of the walk).

The admin serves three kinds of page. The programme's own models (people, profiles, units, plans,
group robots, deliveries, notifications) are run by the coordinating office by the rules of
accounts/permissions.py; of the people, the office manages the programme's accounts only, never a
superuser's or a staff account (their pages answer it 404, as anything it may not see). Django's
and the libraries' models (groups, login attempts, task results) go by Django's model permissions,
which only superusers hold here. django-rq's queue pages are for superusers alone.

The table below has a row per URL pattern of the admin, filled with an object of each kind
(``person``: a programme account; ``superuser``, ``staff``: accounts the office does not manage;
``obj``: the one object of a model), and the answer of every role. A pattern added to the admin
without a row fails ``test_every_admin_url_has_a_row``. Signed-in users that are not staff are sent
to the admin's login page like anonymous ones (``ADMIN_LOGIN``); the office's accounts are staff.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from reformtrack.accounts.choices import Role

from .test_permission_walk import url_patterns

if TYPE_CHECKING:
    from reformtrack.ingest.model import ParsedPlan

ADMIN_LOGIN = "admin-login"
REDIRECT = "redirect"
ROLES = (
    "anonymous",
    "superuser",
    "staff",
    "office",
    "leader",
    "supervision",
    "unit_lead",
    "clerk",
    "counit",
    "outsider",
)
NOT_STAFF = ROLES[4:]  # the programme's roles other than the office: never staff


def answers(
    anonymous: Any, superuser: Any, staff: Any, office: Any, not_staff: Any = ADMIN_LOGIN
) -> tuple[Any, ...]:
    """The answers in the order of ROLES; every role that is not staff answers alike."""
    return (anonymous, superuser, staff, office, *(not_staff,) * len(NOT_STAFF))


OFFICE = answers(ADMIN_LOGIN, 200, 403, 200)  # a page of the programme's admin
SUPERUSER = answers(ADMIN_LOGIN, 200, 403, 403)  # Django's model permissions or a superuser's page
NOBODY = answers(ADMIN_LOGIN, 403, 403, 403)  # e.g. adding a plan: plans come from the import
# an account the office does not manage, or any account for a staff user without a role: 404
HIDDEN = answers(ADMIN_LOGIN, 200, 404, 404)
PERSON = answers(ADMIN_LOGIN, 200, 404, 200)  # a programme account: the office manages it


@dataclass(frozen=True)
class Row:
    """One admin URL (by name), the object its parameters point at, the method, and the answers."""

    name: str
    variant: str
    method: str
    answers: tuple[Any, ...]

    def __post_init__(self) -> None:
        assert len(self.answers) == len(ROLES), self.name


def model_rows(label: str, variant: str, **pages: tuple[Any, ...]) -> list[Row]:
    """Rows of the object pages of a model: ``model_rows("ledger_unit", "obj", change=OFFICE, …)``."""
    return [Row(f"admin:{label}_{page}", variant, "GET", answer) for page, answer in pages.items()]


def plain(name: str, answer: tuple[Any, ...], method: str = "GET") -> Row:
    return Row(f"admin:{name}", "", method, answer)


# The "object" page (``<id>/``) redirects to the change page once the admin lets the user in.
OBJECT = answers(ADMIN_LOGIN, REDIRECT, REDIRECT, REDIRECT)


def programme_model(
    label: str, *, add: Any = OFFICE, change: Any = OFFICE, history: bool = False
) -> list[Row]:
    """A model of the programme's admin with one object ("obj")."""
    rows = [
        plain(f"{label}_changelist", OFFICE),
        plain(f"{label}_add", add),
        *model_rows(label, "obj", change=change, delete=OFFICE, history=OFFICE, object=OBJECT),
    ]
    if history:  # simple_history's page of one historical record
        rows += model_rows(label, "obj", simple_history=OFFICE)
    return rows


def library_model(
    label: str, *, add: Any = SUPERUSER, change: Any = SUPERUSER, delete: Any = SUPERUSER
) -> list[Row]:
    """A model of Django or a library, under Django's model permissions (superusers only here)."""
    return [
        plain(f"{label}_changelist", SUPERUSER),
        plain(f"{label}_add", add),
        *model_rows(label, "obj", change=change, delete=delete, history=SUPERUSER, object=OBJECT),
    ]


RQ = answers(ADMIN_LOGIN, 200, 403, 403)  # django-rq's pages: superusers only
RQ_ACTION = answers(ADMIN_LOGIN, REDIRECT, 403, 403)  # a form that sends the superuser on
RQ_MISSING = answers(ADMIN_LOGIN, 404, 403, 403)  # a job, worker or scheduler that is not there
RQ_JSON = answers(401, 200, 403, 403, not_staff=401)  # statistics: a superuser, or django-rq's token
HIDDEN_DONE = answers(ADMIN_LOGIN, REDIRECT, 404, 404)  # a form posted: only the superuser gets through
APP_OF_NOBODY = answers(ADMIN_LOGIN, 200, 404, 404)  # an app without a model the user may see: none
APP_OF_OFFICE = answers(ADMIN_LOGIN, 200, 404, 200)

TABLE: list[Row] = [
    # the site's own pages
    plain("index", answers(ADMIN_LOGIN, 200, 200, 200)),  # a staff user without a role sees no model
    plain("login", answers(200, REDIRECT, REDIRECT, REDIRECT, not_staff=200)),
    plain("logout", answers(REDIRECT, REDIRECT, REDIRECT, REDIRECT, not_staff=REDIRECT), "POST"),
    plain("password_change", answers(ADMIN_LOGIN, 200, 200, 200)),
    plain("password_change_done", answers(ADMIN_LOGIN, 200, 200, 200)),
    plain("jsi18n", answers(ADMIN_LOGIN, 200, 200, 200)),
    plain("autocomplete", answers(ADMIN_LOGIN, 200, 403, 200)),  # a user for a profile (below)
    Row("admin:view_on_site", "obj", "GET", answers(ADMIN_LOGIN, 404, 404, 404)),  # units have no page
    plain("catch_all", answers(ADMIN_LOGIN, 404, 404, 404)),
    *(Row("admin:app_list", app, "GET", APP_OF_NOBODY) for app in ("django_tasks_database", "django_rq")),
    # auth: the people; axes: the login lockouts
    *(
        Row("admin:app_list", app, "GET", APP_OF_OFFICE)
        for app in ("auth", "axes", "ledger", "accounts", "reminders")
    ),
    # people: the office manages programme accounts, not a superuser's or a staff account
    plain("auth_user_changelist", OFFICE),
    plain("auth_user_add", OFFICE),
    *(
        row
        for variant, answer in (("person", PERSON), ("superuser", HIDDEN), ("staff", HIDDEN))
        for row in model_rows(
            "auth_user", variant, change=answer, delete=answer, history=answer, password_change=answer
        )
    ),
    *model_rows("auth_user", "person", object=OBJECT),
    Row("admin:auth_user_password_change", "person", "POST", answers(ADMIN_LOGIN, REDIRECT, 404, REDIRECT)),
    *(Row("admin:auth_user_password_change", v, "POST", HIDDEN_DONE) for v in ("superuser", "staff")),
    *(Row("admin:auth_user_change", v, "POST", HIDDEN) for v in ("superuser", "staff")),  # the form again
    *(Row("admin:auth_user_delete", v, "POST", HIDDEN_DONE) for v in ("superuser", "staff")),
    plain("accounts_profile_changelist", OFFICE),
    plain("accounts_profile_add", OFFICE),
    *model_rows("accounts_profile", "person", change=PERSON, delete=PERSON, history=PERSON, object=OBJECT),
    *model_rows("accounts_profile", "staff", change=HIDDEN, delete=HIDDEN, history=HIDDEN),
    # the programme's master data and reminders
    *programme_model("ledger_unit", history=True),
    *programme_model("ledger_plan", add=NOBODY, history=True),  # plans come from the import
    *programme_model("reminders_webhooktarget", history=True),
    *programme_model("reminders_delivery", add=NOBODY),  # written by the reminder runs: read-only
    *programme_model("reminders_notification", add=NOBODY),
    # axes' failed logins are the office's list of login lockouts (lifted by an action, not deleted)
    plain("axes_accessattempt_changelist", OFFICE),
    plain("axes_accessattempt_add", NOBODY),
    *model_rows("axes_accessattempt", "obj", change=OFFICE, delete=SUPERUSER, history=OFFICE, object=OBJECT),
    # Django's and the libraries' models
    *library_model("auth_group"),
    *library_model("axes_accesslog", add=NOBODY),
    *library_model("axes_accessfailurelog", add=NOBODY),
    *library_model("django_tasks_database_dbtaskresult", add=NOBODY, delete=NOBODY),
    # django-rq's queue pages (the "Dashboard" model stands for them; it has no rows)
    plain("django_rq_dashboard_changelist", RQ),
    plain("django_rq_dashboard_add", NOBODY),
    *model_rows("django_rq_dashboard", "obj", change=RQ_MISSING, delete=RQ_MISSING, history=RQ_MISSING),
    *model_rows("django_rq_dashboard", "obj", object=RQ_ACTION),
    plain("django_rq_home", RQ),
    plain("django_rq_home_json", RQ_JSON),
    *(
        plain(f"django_rq_{name}", RQ)
        for name in (
            "jobs",
            "queue_details",
            "finished_jobs",
            "failed_jobs",
            "scheduled_jobs",
            "started_jobs",
            "deferred_jobs",
            "workers",
            "scheduler_jobs",
            "clear",  # these three ask to confirm
            "requeue_all",
            "delete_failed_jobs",
        )
    ),
    # a job and a worker made for the walk (rq_objects)
    *(
        plain(f"django_rq_{name}", RQ)
        for name in ("worker_details", "job_detail", "delete_job", "requeue_job", "enqueue_job")
    ),
    *(
        plain(f"django_rq_{name}", RQ_MISSING)
        for name in ("cron_scheduler_detail", "cron_job_detail", "result_detail")
    ),
    plain("django_rq_stop_job", answers(ADMIN_LOGIN, 405, 403, 403)),  # POST only
    *(plain(f"django_rq_{name}", RQ_ACTION) for name in ("confirm_action", "actions")),  # forms: POST
    *(
        plain(f"django_rq_{name}", RQ_ACTION, "POST")
        for name in ("clear", "requeue_all", "delete_failed_jobs", "actions")
    ),
]

# URL names the table uses for unnamed patterns.
UNNAMED = {
    "django.views.generic.base.RedirectView": "object",
    "django.contrib.admin.sites.AdminSite.catch_all_view": "catch_all",
}


def admin_url_names() -> set[str]:
    """Every admin URL name, an unnamed ``<id>/`` redirect counted once per model."""
    names = set()
    for name, _ in url_patterns():
        if not name.startswith("admin:"):
            continue
        if name.endswith("RedirectView"):
            continue  # the models' "<id>/" redirects, counted from the registry below
        names.add(f"admin:{UNNAMED.get(name.removeprefix('admin:'), name.removeprefix('admin:'))}")
    for model in admin.site._registry:
        names.add(f"admin:{model._meta.app_label}_{model._meta.model_name}_object")
    return names


def test_every_admin_url_has_a_row() -> None:
    missing = sorted(admin_url_names() - {row.name for row in TABLE})

    assert not missing, f"admin URLs without a row in the permission table: {missing}"


def test_every_row_is_an_admin_url() -> None:
    assert not sorted({row.name for row in TABLE} - admin_url_names())


@dataclass
class World:
    """The objects the admin walk points at, by model label and variant."""

    objects: dict[str, dict[str, Any]]
    rq: dict[str, str]  # django-rq's job_id and worker key, for its pages only


@pytest.fixture
def world(db: None, make_user: Any, make_plan: Callable[..., ParsedPlan]) -> World:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django_tasks_db.models import DBTaskResult

    from reformtrack.ledger.services import plan_import
    from reformtrack.reminders.models import Delivery, Notification, WebhookTarget

    person = make_user(Role.CLERK, "区民政局", username="person")
    colleague = make_user(Role.OFFICE, username="colleague")
    User.objects.filter(pk=colleague.pk).update(is_staff=True)
    root = User.objects.create_superuser("root-target")
    parsed = make_plan(chapters=1, projects=1, children=0, measures=0)
    plan = plan_import(parsed=parsed, source_bytes=b"admin", filename="plan.txt")
    unit = person.profile.unit
    now = timezone.now()
    attempt = {"ip_address": "10.0.0.9", "username": "person", "user_agent": "x", "path_info": "/"}
    objects: dict[str, dict[str, Any]] = {
        "auth_user": {"person": person, "superuser": root, "staff": colleague},
        "accounts_profile": {"person": person.profile, "staff": colleague.profile},
        "ledger_unit": {"obj": unit},
        "ledger_plan": {"obj": plan},
        "reminders_webhooktarget": {
            "obj": WebhookTarget.objects.create(
                name="群", kind="wecom", url="https://example.org/hook", unit=unit
            )
        },
        "reminders_delivery": {
            "obj": Delivery.objects.create(
                key="k",
                kind="overdue",
                object_ref="p:1",
                due=dt.date(2014, 1, 1),
                offset=0,
                channel="web",
                recipient=person,
                title="【催办】",
                body="【催办】",
            )
        },
        "reminders_notification": {
            "obj": Notification.objects.create(recipient=person, title="【催办】", body="【催办】")
        },
        "auth_group": {"obj": Group.objects.create(name="readers")},
        "axes_accessattempt": {
            "obj": AccessAttempt.objects.create(
                **attempt, attempt_time=now, get_data="", post_data="", failures_since_start=1
            )
        },
        "axes_accesslog": {"obj": AccessLog.objects.create(**attempt, attempt_time=now)},
        "axes_accessfailurelog": {
            "obj": AccessFailureLog.objects.create(**attempt, attempt_time=now, locked_out=False)
        },
        "django_tasks_database_dbtaskresult": {
            "obj": DBTaskResult.objects.create(
                id=uuid.uuid4(),
                args_kwargs={},
                task_path="x.y",
                backend_name="default",
                run_after=now,
                exception_class_path="",
                traceback="",
            )
        },
        "django_rq_dashboard": {"obj": None},
    }
    return World(objects=objects, rq={})


def _user(role: str, request: pytest.FixtureRequest) -> User | None:
    if role == "anonymous":
        return None
    if role == "superuser":
        return User.objects.get_or_create(username="root", defaults={"is_superuser": True, "is_staff": True})[
            0
        ]
    if role == "staff":  # a staff account without a programme role
        return User.objects.get_or_create(username="staff", defaults={"is_staff": True})[0]
    user: User = request.getfixturevalue("outsider_clerk" if role == "outsider" else f"{role}_user")
    if role == "office":  # office accounts are staff (ledger.services_accounts.account_create)
        User.objects.filter(pk=user.pk).update(is_staff=True)
        user.refresh_from_db()
    return user


RQ_KWARGS = {
    "queue_index": 0,
    "result_id": "no-such-result",
    "scheduler_index": 0,
    "connection_index": 0,
    "scheduler_name": "no-such-scheduler",
    "cron_job_name": "no-such-cron-job",
}


@pytest.fixture
def rq_objects() -> Iterator[dict[str, str]]:
    """A job stored in Redis (never run) and a registered worker, for django-rq's pages."""
    import django_rq
    from rq.job import Job
    from rq.worker import Worker

    queue = django_rq.get_queue("default")
    job = Job.create(
        "reformtrack.accounts.lockout.address_failures", args=(None,), connection=queue.connection
    )
    job.save()  # stored, not queued: the tests' queues may run jobs at once
    worker = Worker([queue], connection=queue.connection, name=f"admin-walk-{job.id}")
    worker.register_birth()  # type: ignore[no-untyped-call]  # rq
    yield {"job_id": job.id, "key": worker.key}
    worker.register_death()  # type: ignore[no-untyped-call]  # rq
    job.delete()


def _url(row: Row, world: World) -> str:
    name = row.name.removeprefix("admin:")
    if name == "catch_all":
        return "/admin/no-such-page/"
    if name == "app_list":
        return reverse("admin:app_list", kwargs={"app_label": row.variant})
    if name == "view_on_site":
        unit = world.objects["ledger_unit"]["obj"]
        return reverse(row.name, args=[ContentType.objects.get_for_model(unit).pk, unit.pk])
    if name == "autocomplete":
        return reverse(row.name) + "?app_label=accounts&model_name=profile&field_name=user&term=r"
    if name.startswith("django_rq_") and not name.startswith("django_rq_dashboard"):
        pattern = dict(url_patterns())[row.name]
        found = {**RQ_KWARGS, **world.rq}
        return reverse(row.name, kwargs={k: found[k] for k in pattern.pattern.converters})
    if not row.variant:
        return reverse(row.name)
    label, page = name.rsplit("_", 1) if not name.endswith("password_change") else (name[:-16], "password")
    if name.endswith("simple_history"):
        label, page = name.removesuffix("_simple_history"), "simple_history"
    obj = world.objects[label][row.variant]
    pk = "1" if obj is None else str(obj.pk)
    if page == "object":
        return reverse(f"admin:{label}_change", args=[pk]).removesuffix("change/")
    if page == "simple_history":
        return reverse(row.name, args=[pk, obj.history.latest().history_id])
    return reverse(row.name, args=[pk])


POST_DATA: dict[str, dict[str, str]] = {
    "admin:auth_user_password_change": {
        "password1": "Hijacked-pass-987",
        "password2": "Hijacked-pass-987",
        "usable_password": "true",
    },
    "admin:auth_user_change": {"username": "taken-over", "is_superuser": "on", "is_staff": "on"},
    "admin:auth_user_delete": {"post": "yes"},
}


def _answer(response: Any) -> object:
    if response.status_code in (301, 302, 303):
        return ADMIN_LOGIN if response["Location"].startswith(reverse("admin:login")) else REDIRECT
    return response.status_code


@pytest.mark.parametrize(
    "row", [pytest.param(row, id=f"{row.name}-{row.variant}-{row.method}") for row in TABLE]
)
def test_the_admin_answers_as_the_table_says(row: Row, world: World, request: pytest.FixtureRequest) -> None:
    """One row, every role (the objects are made once for the row, not once per role)."""
    if row.name.startswith("admin:django_rq_"):
        world.rq = request.getfixturevalue("rq_objects")
    url = _url(row, world)
    found = []
    for role in ROLES:
        client = Client()
        user = _user(role, request)
        if user is not None:
            client.force_login(user)
        response = client.post(url, POST_DATA.get(row.name, {})) if row.method == "POST" else client.get(url)
        found.append(_answer(response))

    assert dict(zip(ROLES, found, strict=True)) == dict(zip(ROLES, row.answers, strict=True)), (
        f"{row.method} {url}"
    )


def test_the_office_cannot_take_over_a_superuser_or_staff_account(
    world: World, client: Client, office_user: User
) -> None:
    User.objects.filter(pk=office_user.pk).update(is_staff=True)
    client.force_login(office_user)
    accounts = [world.objects["auth_user"][variant] for variant in ("superuser", "staff")]
    before = list(User.objects.filter(pk__in=[a.pk for a in accounts]).values())

    for account in accounts:
        for page in ("password", "change"):
            client.post(
                f"/admin/auth/user/{account.pk}/{page}/",
                POST_DATA[
                    f"admin:auth_user_{page}_change" if page == "password" else "admin:auth_user_change"
                ],
            )
        client.post(f"/admin/auth/user/{account.pk}/delete/", {"post": "yes"})
    found = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "accounts", "model_name": "profile", "field_name": "user", "term": ""},
    ).json()

    assert list(User.objects.filter(pk__in=[a.pk for a in accounts]).values()) == before
    assert {item["text"] for item in found["results"]} == {"person"}  # a programme account only
