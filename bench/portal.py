"""The public meeting page under load: 20 visitors at once against gunicorn on PostgreSQL.

A database of its own (kursen_bench_portal) is created beside the one named, migrated and
given the demo municipality and a finance committee meeting of 30 items (three closed) and
60 attachments with approved minutes (`bench.agenda.meeting_create`, the meeting the agenda
documents are timed on). gunicorn serves config.wsgi as in production (DEBUG off, collected
static files, default per-process cache); threads with http.client play the visitors, each
sending one request after the other for the whole period, each request on a new connection
(gunicorn's sync workers close it after the response). Then gunicorn is stopped and the
database dropped. Everything runs on one machine: the clients, gunicorn and PostgreSQL share
its processors.

    python -m bench.portal --database-url postgres://postgres@127.0.0.1:5432/postgres

Wiring (bench/__main__.py), PostgreSQL only::

    from bench import portal
    portal_result = portal.run(database_url=args.database_url)
    lines = portal.table(portal_result)        # the result table, as report.py's tables
    targets = portal.targets(portal_result)    # [(name, measured, ok)]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "kursen_bench_portal"
CLIENTS = 20
SECONDS = 30.0
WARM_UP = 3.0
P95_MAX = 0.200


def default_workers() -> int:
    """gunicorn's rule of thumb for sync workers: two per processor, plus one."""
    return 2 * (os.cpu_count() or 1) + 1


@dataclass
class PortalResult:
    clients: int
    workers: int
    seconds: float
    latencies: list[float]
    errors: Counter = field(default_factory=Counter)
    page_kb: float = 0.0
    items: int = 0
    attachments: int = 0
    render_uncached: float = 0.0
    render_cached: float = 0.0

    @property
    def requests(self) -> int:
        return len(self.latencies) + sum(self.errors.values())

    @property
    def per_second(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    @property
    def median(self) -> float:
        return statistics.median(self.latencies) if self.latencies else float("inf")

    def percentile(self, p: int) -> float:
        if len(self.latencies) < 2:
            return self.median
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[p - 1]

    @property
    def p95(self) -> float:
        return self.percentile(95)

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())


def run(
    *,
    database_url: str,
    clients: int = CLIENTS,
    seconds: float = SECONDS,
    workers: int | None = None,
) -> PortalResult:
    """Create the database, serve the meeting page with gunicorn, load it, clean up."""
    if not database_url.startswith(("postgres://", "postgresql://")):
        raise ValueError("The portal benchmark needs a PostgreSQL URL (postgres://...).")
    workers = workers or default_workers()
    bench_url = _with_database(database_url, DATABASE)
    env = _server_env(bench_url)
    with _database(database_url):
        prepared = _prepare(env)
        with _gunicorn(env, workers=workers) as port:
            path = prepared["path"]
            _wait_until_up(port, path)
            _load(port, path, clients=clients, seconds=WARM_UP)  # fills each worker's cache
            result = _load(port, path, clients=clients, seconds=seconds)
    result.workers = workers
    result.items = prepared["items"]
    result.attachments = prepared["attachments"]
    result.render_uncached = prepared["render_uncached"]
    result.render_cached = prepared["render_cached"]
    return result


# --- The database -----------------------------------------------------------------------------


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


@contextmanager
def _database(url: str):
    """kursen_bench_portal, new for the run (an old one from a broken run is dropped first)."""
    import psycopg

    def execute(sql: str) -> None:
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(sql)

    execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
    execute(f'CREATE DATABASE "{DATABASE}"')
    try:
        yield
    finally:
        execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')


def _server_env(database_url: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "DJANGO_SETTINGS_MODULE", "ALLOWED_HOSTS", "MEDIA_ROOT"}
    }
    env.update(
        DATABASE_URL=database_url,
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_COOKIES="0",
        DJANGO_SETTINGS_MODULE="config.settings",
        PYTHONPATH=str(ROOT),
        LOG_LEVEL="ERROR",
    )
    return env


def _prepare(env: dict[str, str]) -> dict:
    """Migrate, collect static files and create the meeting, in a process of its own (this one
    may already have Django set up on another database); returns what prepare() prints."""
    python = sys.executable
    subprocess.run(
        [python, "-m", "config.manage", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT, env=env, check=True,
    )  # fmt: skip
    output = subprocess.run(
        [python, "-m", "bench.portal", "--prepare"],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    return json.loads(output.strip().splitlines()[-1])


def prepare() -> dict:
    """(In the preparing process.) The migrated database with the demo and the meeting; how
    long the page takes to render with and without its cached agenda, through the test client."""
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import reverse

    from bench import agenda, data
    from meetings.models import AgendaItem, Attachment

    call_command("migrate", verbosity=0, interactive=False)
    data.reference_data()
    meeting = agenda.meeting_create()
    attachments = Attachment.objects.filter(agenda_item__meeting=meeting)
    # Rows that look uploaded, so the page links them as it would real files.
    attachments.update(
        file="bilag/2023/bench-notat.pdf",
        filename="notat.pdf",
        content_type="application/pdf",
        size=184_320,
    )
    path = reverse("portal:meeting", args=[meeting.pk])
    with override_settings(ALLOWED_HOSTS=["testserver"]):
        client = Client()
        uncached, cached = [], []
        for _ in range(10):
            cache.clear()
            started = time.perf_counter()
            response = client.get(path)
            uncached.append(time.perf_counter() - started)
            assert response.status_code == 200, response.status_code
            started = time.perf_counter()
            client.get(path)
            cached.append(time.perf_counter() - started)
    return {
        "path": path,
        "items": AgendaItem.objects.filter(meeting=meeting).count(),
        "attachments": attachments.count(),
        "render_uncached": statistics.median(uncached),
        "render_cached": statistics.median(cached),
    }


# --- gunicorn ---------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def _gunicorn(env: dict[str, str], *, workers: int):
    port = _free_port()
    gunicorn = Path(sys.executable).parent / "gunicorn"
    command = [
        str(gunicorn), "config.wsgi",
        "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers),
        "--log-level", "warning",
    ]  # fmt: skip
    if Path("/dev/shm").is_dir():
        command += ["--worker-tmp-dir", "/dev/shm"]  # heartbeat files off the disk
    server = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    try:
        yield port
    finally:
        server.send_signal(signal.SIGTERM)  # graceful: workers finish, connections close
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _wait_until_up(port: int, path: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            status, _size = _get(port, path)
            if status == 200:
                return
            raise RuntimeError(f"The meeting page answered {status}.")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


# --- The visitors -----------------------------------------------------------------------------


def _get(port: int, path: str) -> tuple[int, int]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={"Accept": "text/html"})
        response = connection.getresponse()
        return response.status, len(response.read())
    finally:
        connection.close()


def _load(port: int, path: str, *, clients: int, seconds: float) -> PortalResult:
    """clients threads, each requesting the page again as soon as it has the last answer."""
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors: list[Counter] = [Counter() for _ in range(clients)]
    sizes: list[int] = []
    start = threading.Barrier(clients + 1)
    deadline = 0.0

    def visitor(index: int) -> None:
        start.wait()
        while time.perf_counter() < deadline:
            began = time.perf_counter()
            try:
                status, size = _get(port, path)
            except (OSError, http.client.HTTPException) as error:
                errors[index][type(error).__name__] += 1
                continue
            if status != 200:
                errors[index][f"HTTP {status}"] += 1
                continue
            latencies[index].append(time.perf_counter() - began)
            if index == 0 and not sizes:
                sizes.append(size)

    threads = [threading.Thread(target=visitor, args=(i,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    began = time.perf_counter()
    deadline = began + seconds
    start.wait()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    return PortalResult(
        clients=clients,
        workers=0,
        seconds=elapsed,
        latencies=[t for own in latencies for t in own],
        errors=sum(errors, Counter()),
        page_kb=(sizes[0] / 1024) if sizes else 0.0,
    )


# --- Report -----------------------------------------------------------------------------------


def table(result: PortalResult) -> list[str]:
    """The result as a table in report.py's layout."""

    def ms(seconds: float) -> str:
        return f"{seconds * 1000:,.1f}"

    header = ["Page", "clients", "workers", "requests", "req/s", "median ms", "p95 ms",
              "p99 ms", "max ms", "errors"]  # fmt: skip
    rows = [
        [f"Public meeting page ({result.page_kb:,.0f} KB)", str(result.clients),
         str(result.workers), f"{result.requests:,}", f"{result.per_second:,.1f}",
         ms(result.median), ms(result.p95), ms(result.percentile(99)),
         ms(max(result.latencies, default=0.0)), str(result.error_count)],
    ]  # fmt: skip
    notes = [
        f"{result.items} items, {result.attachments} attachments, minutes approved; "
        f"{result.seconds:.0f} s after a {WARM_UP:.0f} s warm-up, gunicorn sync workers,",
        "DEBUG off, PostgreSQL, clients on the same machine, a new connection per request.",
        f"One request through the test client: {ms(result.render_uncached)} ms rendering the "
        f"agenda, {ms(result.render_cached)} ms from the cache.",
    ]
    if result.errors:
        notes.append("Errors: " + ", ".join(f"{k} x{v}" for k, v in result.errors.items()))
    return _table("Public meeting page under load", header, rows, notes)


def _table(title: str, header: list[str], rows: list[list[str]], notes: list[str]) -> list[str]:
    """As bench.report._table (which needs Django set up to import): columns right-aligned
    except the first, a title above, notes below."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = [cell.rjust(w) for cell, w in zip(cells[1:], widths[1:], strict=True)]
        return "  ".join([first, *rest]).rstrip()

    rule = "-" * len(line(header))
    return [title, rule, line(header), rule, *(line(row) for row in rows), rule, *notes]


def targets(result: PortalResult) -> list[tuple[str, str, bool]]:
    """(target, measured, ok) for the portal's targets."""
    return [
        (f"Meeting page p95 <= {P95_MAX * 1000:.0f} ms with {result.clients} clients",
         f"{result.p95 * 1000:,.1f} ms", result.p95 <= P95_MAX),
        ("Meeting page under load without errors", str(result.error_count),
         result.error_count == 0),
    ]  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.portal",
        description="The public meeting page under concurrent load (gunicorn, PostgreSQL).",
    )
    parser.add_argument("--database-url", help="postgres://user@host:5432/postgres")
    parser.add_argument("--clients", type=int, default=CLIENTS)
    parser.add_argument("--seconds", type=float, default=SECONDS)
    parser.add_argument("--workers", type=int, default=None, help="default: 2 x CPUs + 1")
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.prepare:
        print(json.dumps(prepare()))
        return 0
    if not args.database_url:
        parser.error("--database-url is required")
    result = run(database_url=args.database_url, clients=args.clients, seconds=args.seconds,
                 workers=args.workers)  # fmt: skip
    print("\n".join(table(result)))
    for name, measured, ok in targets(result):
        print(f"{name}: {measured} {'OK' if ok else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
