"""A worker killed with SIGKILL in the middle of a job: the next worker runs the job again, or fails it
after its last attempt, within 1.5 leases; nothing is left 'running'.

Real processes on a site of their own, migrated in a subprocess: on the database this run uses (a
SQLite file in a temporary folder, or a throwaway PostgreSQL database on the server of
DATABASE_URL), with the database backend's ``reformtrack db_worker`` and with RQ's
``reformtrack rqworker`` (Redis database 6 on 127.0.0.1, this test's own: its default queue is
emptied; JOB_KILL_TEST_REDIS_URL names another). The job is ``tests.jobs.slow_site.count_slowly``,
one step every 0.25 s; the lease is 5 s here (60 s by default, so 90 s; JOB_KILL_TEST_LEASE=60 measures that).
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
LEASE = int(os.environ.get("JOB_KILL_TEST_LEASE", "5"))  # seconds; 60 to measure the default
REDIS_URL = os.environ.get("JOB_KILL_TEST_REDIS_URL", "redis://127.0.0.1:6379/6")
STEPS, SLEEP = 24, 0.25  # a run takes 6 s
# From the next worker's launch to the job's next run (or its failure): at most the lease plus half a
# lease until the worker looks, plus the worker's own start (Python and Django, slow on a loaded
# machine) and its pick-up. With the default lease of 60 s: 90 s and the start.
STARTUP = 10
BOUND = LEASE + LEASE / 2 + STARTUP
_NOT_PASSED = {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "TEST_DATABASE_NAME", "TASKS_BACKEND"}
Job = dict[str, Any]


def _postgres_server() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url.rsplit("/", 1)[0] if url.startswith(("postgres://", "postgresql://")) else None


@contextmanager
def _postgres_database() -> Iterator[str]:
    import psycopg

    server = _postgres_server()
    assert server is not None
    name = f"rt_jobs_kill_{secrets.token_hex(4)}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server}/{name}"
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _timestamp(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None) if value.tzinfo is None else value.astimezone(dt.UTC)
    return dt.datetime.fromisoformat(str(value)).replace(tzinfo=dt.UTC)


class Site:
    """A migrated site of its own, its workers, and a look into its database."""

    def __init__(self, home: Path, backend: str, database_url: str | None) -> None:
        self.home, self.backend, self.database_url = home, backend, database_url
        self.workers: list[subprocess.Popen[bytes]] = []
        self.env = {
            k: v for k, v in os.environ.items() if k not in _NOT_PASSED and not k.startswith("REFORMTRACK")
        }
        self.env |= {
            "REFORMTRACK_HOME": str(home),
            "DJANGO_SETTINGS_MODULE": "tests.jobs.worker_settings",
            "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT), os.environ.get("PYTHONPATH", "")]),
            "TASKS_BACKEND": backend,
            "JOB_LEASE_SECONDS": str(LEASE),
        }
        if database_url:
            self.env["DATABASE_URL"] = database_url
        if backend == "rq":
            self.env["REDIS_URL"] = REDIS_URL
        home.mkdir(parents=True)
        self._run("-m", "reformtrack", "migrate", "--no-input")

    def _run(self, *args: str) -> str:
        done = subprocess.run([sys.executable, *args], capture_output=True, text=True, env=self.env, cwd=ROOT)
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    def create_job(self, *, max_attempts: int) -> int:
        code = (
            "import django; django.setup(); from tests.jobs.slow_site import create_job; "
            f"print(create_job(steps={STEPS}, sleep={SLEEP}, max_attempts={max_attempts}))"
        )
        return int(self._run("-c", code).split()[-1])

    def start_worker(self) -> subprocess.Popen[bytes]:
        command = ["db_worker", "--no-reload", "--interval", "0.2", "--no-startup-delay"]
        if self.backend == "rq":
            command = ["rqworker", "default"]
        log = (self.home / f"worker-{len(self.workers)}.log").open("wb")
        worker = subprocess.Popen(  # its own process group, killed with its children at the end
            [sys.executable, "-m", "reformtrack", *command],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=self.env,
            cwd=ROOT,
            start_new_session=True,
        )
        self.workers.append(worker)
        return worker

    def logs(self) -> str:
        return "\n".join(path.read_text(errors="replace")[-2000:] for path in sorted(self.home.glob("*.log")))

    def query(self, sql: str, *params: Any) -> tuple[Any, ...] | None:
        if self.database_url:
            import psycopg

            with psycopg.connect(self.database_url, autocommit=True) as conn:
                return conn.execute(sql.replace("?", "%s"), params).fetchone()
        with sqlite3.connect(self.home / "reformtrack.sqlite3", timeout=20) as conn:
            row: tuple[Any, ...] | None = conn.execute(sql, params).fetchone()
        return row

    def job(self, pk: int) -> Job:
        names = ("status", "done", "attempts", "worker", "task_id", "error", "started_at", "heartbeat_at")
        row = self.query(f"SELECT {', '.join(names)} FROM jobs_job WHERE id = ?", pk)
        assert row is not None
        return dict(zip(names, row, strict=True))

    def task_status(self, task_id: str) -> str | None:
        if not self.database_url:
            task_id = task_id.replace("-", "")  # Django keeps a UUID as 32 hex digits in SQLite
        row = self.query("SELECT status FROM django_tasks_database_dbtaskresult WHERE id = ?", task_id)
        return None if row is None else str(row[0])

    def wait_for(self, pk: int, condition: Callable[[Job], bool], timeout: float = 60) -> Job:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            job = self.job(pk)
            if condition(job):
                return job
            time.sleep(0.1)
        raise AssertionError(f"job {pk} stayed {self.job(pk)}\n{self.logs()}")

    def stop(self) -> None:
        for worker in self.workers:
            with suppress(ProcessLookupError):
                os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(timeout=10)


def _kill(worker: subprocess.Popen[bytes], job: Job) -> None:
    """SIGKILL the worker and the process running the job (RQ's work horse, a process of its own)."""
    os.killpg(worker.pid, signal.SIGKILL)
    with suppress(ProcessLookupError):
        os.kill(int(job["worker"].rsplit(":", 1)[1]), signal.SIGKILL)
    worker.wait(timeout=10)


@pytest.fixture
def make_site(tmp_path: Path) -> Iterator[Callable[[str], Site]]:
    """A site on this run's database with ``"db"`` or ``"rq"`` tasks: ``make_site("rq")``."""
    with ExitStack() as stack:

        def make(backend: str) -> Site:
            if backend == "rq":
                _empty_redis_queue()
            url = stack.enter_context(_postgres_database()) if _postgres_server() else None
            site = Site(tmp_path / f"site-{secrets.token_hex(3)}", backend, url)
            stack.callback(site.stop)
            return site

        yield make


def _empty_redis_queue() -> None:
    url = REDIS_URL
    import redis
    from rq import Queue

    connection = redis.Redis.from_url(url)
    try:
        connection.ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI"):  # CI starts Redis (.ci/run): a missing one is a failure there
            raise
        pytest.skip(f"no Redis at {url}")
    Queue("default", connection=connection).empty()  # type: ignore[no-untyped-call]


@pytest.mark.parametrize("backend", ["db", "rq"])
def test_the_next_worker_runs_a_killed_workers_job_again(
    make_site: Callable[[str], Site], backend: str
) -> None:
    site = make_site(backend)
    pk = site.create_job(max_attempts=2)
    first = site.start_worker()
    running = site.wait_for(pk, lambda job: job["status"] == "running" and job["done"] >= 2)

    _kill(first, running)
    time.sleep(4 * SLEEP)
    killed = site.job(pk)
    # what the issue saw: nothing ends the run of a dead worker
    assert (killed["status"], killed["attempts"]) == ("running", 1) and killed["done"] < STEPS
    if backend == "db":
        assert site.task_status(killed["task_id"]) == "RUNNING"

    launched = dt.datetime.now(dt.UTC)
    site.start_worker()
    rerun = site.wait_for(pk, lambda job: job["attempts"] == 2, timeout=BOUND + 30)
    done = site.wait_for(pk, lambda job: job["status"] != "running" or job["attempts"] > 2)

    silence = (_timestamp(rerun["started_at"]) - _timestamp(killed["heartbeat_at"])).total_seconds()
    taken_up = (_timestamp(rerun["started_at"]) - launched).total_seconds()
    print(
        f"{backend}: next run {taken_up:.1f} s after the worker's launch, {silence:.1f} s after the last beat"
    )
    assert silence >= LEASE and taken_up <= BOUND, site.logs()
    assert (done["status"], done["done"], done["attempts"], done["error"]) == ("done", STEPS, 2, "")
    assert rerun["worker"] != killed["worker"]
    if backend == "db":
        assert site.task_status(killed["task_id"]) == "FAILED"
        assert site.task_status(done["task_id"]) == "SUCCESSFUL"


def test_a_job_killed_on_its_last_attempt_fails_saying_so(make_site: Callable[[str], Site]) -> None:
    site = make_site("db")
    pk = site.create_job(max_attempts=1)
    first = site.start_worker()
    running = site.wait_for(pk, lambda job: job["status"] == "running" and job["done"] >= 2)

    _kill(first, running)
    launched = dt.datetime.now(dt.UTC)
    site.start_worker()
    failed = site.wait_for(pk, lambda job: job["status"] != "running", timeout=BOUND + 30)

    assert (failed["status"], failed["attempts"]) == ("failed", 1)
    assert "后台进程在任务完成前已中断 1 次" in failed["error"]
    assert site.task_status(failed["task_id"]) == "FAILED"
    finished = _timestamp(site.query("SELECT finished_at FROM jobs_job WHERE id = ?", pk)[0])  # type: ignore[index]
    assert (finished - _timestamp(failed["heartbeat_at"])).total_seconds() >= LEASE
    assert (finished - launched).total_seconds() <= BOUND
