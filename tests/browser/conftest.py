"""Playwright driving Debian's Chromium against a live Kursen with the demo municipality.

The demo is written once per test session (for each of its two sizes) and copied into the
tables before each test, so every test starts from the same demo however the one before it
changed the data, without paying for a load through the services each time.
"""

import os
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.test import override_settings
from playwright.sync_api import sync_playwright

from demo.loader import demo_load

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# between browser steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
SERIOUS = {"serious", "critical"}
# The word index on SQLite is an FTS5 table outside the models (search/migrations/0002).
FTS_TABLE = "search_fts"
COPY_PREFIX = "zz_demo_copy"

# Tells the test (through the binding below) about every Content-Security-Policy violation.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.kursenCspViolation(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile || document.location.href}:${event.lineNumber}`);
});
"""


class DemoSnapshots:
    """Copies of every table with the demo in it, made in the test database itself, so that
    restoring is one INSERT ... SELECT per table on either database."""

    def __init__(self, media):
        self.media = media
        self.copies: dict[bool, dict[str, str]] = {}

    def restore(self, *, meetings: bool, media_root) -> None:
        if meetings not in self.copies:
            self._take(meetings)
        copies = self.copies[meetings]
        with transaction.atomic(), connection.cursor() as cursor:
            self._empty(cursor)
            for table, copy in copies.items():
                if table == FTS_TABLE:
                    cursor.execute(
                        f"INSERT INTO {FTS_TABLE} (rowid, title, text) "
                        f"SELECT docid, title, text FROM {copy}"
                    )
                else:
                    cursor.execute(f"INSERT INTO {_quote(table)} SELECT * FROM {copy}")
            # Unmanaged models (django_rq's admin-only Dashboard) have no table to reset.
            models = [m for m in apps.get_models(include_auto_created=True) if m._meta.managed]
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)
        ContentType.objects.clear_cache()
        for cache in caches.all():
            cache.clear()
        shutil.copytree(self.media / str(meetings), media_root, dirs_exist_ok=True)

    def drop(self) -> None:
        with connection.cursor() as cursor:
            for copies in self.copies.values():
                for copy in copies.values():
                    cursor.execute(f"DROP TABLE IF EXISTS {copy}")

    def _take(self, meetings: bool) -> None:
        """The demo loaded on an empty database, as `kursen demo` does on a new one."""
        call_command("flush", interactive=False, verbosity=0)
        with connection.cursor() as cursor:
            if FTS_TABLE in connection.introspection.table_names(cursor):
                cursor.execute(f"DELETE FROM {FTS_TABLE}")
        media = self.media / str(meetings)
        media.mkdir()
        with override_settings(MEDIA_ROOT=media):
            demo_load(meetings=meetings)
        copies = {}
        with connection.cursor() as cursor:
            tables = connection.introspection.django_table_names(only_existing=True)
            if FTS_TABLE in connection.introspection.table_names(cursor):
                tables.append(FTS_TABLE)
            for number, table in enumerate(sorted(tables)):
                copy = f"{COPY_PREFIX}_{int(meetings)}_{number}"
                cursor.execute(f"DROP TABLE IF EXISTS {copy}")
                if table == FTS_TABLE:
                    select = f"SELECT rowid AS docid, title, text FROM {FTS_TABLE}"
                else:
                    select = f"SELECT * FROM {_quote(table)}"
                cursor.execute(f"CREATE TABLE {copy} AS {select}")
                copies[table] = copy
        self.copies[meetings] = copies

    @staticmethod
    def _empty(cursor) -> None:
        tables = connection.introspection.django_table_names(only_existing=True)
        for sql in connection.ops.sql_flush(no_style(), tables, allow_cascade=True):
            cursor.execute(sql)
        if FTS_TABLE in connection.introspection.table_names(cursor):
            cursor.execute(f"DELETE FROM {FTS_TABLE}")


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


@pytest.fixture(scope="session")
def demo_snapshots(django_db_setup, django_db_blocker, _fast_password_hasher, tmp_path_factory):
    snapshots = DemoSnapshots(tmp_path_factory.mktemp("demo-media"))
    yield snapshots
    with django_db_blocker.unblock():
        snapshots.drop()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-dev-shm-usage", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def demo(transactional_db, demo_snapshots, settings, request):
    """The demo municipality; its meetings only for tests marked `meetings`. The database is
    emptied after each test (a transactional test), and filled from the copy before the next."""
    demo_snapshots.restore(
        meetings=request.node.get_closest_marker("meetings") is not None,
        media_root=settings.MEDIA_ROOT,
    )


@pytest.fixture
def csp_violations():
    """Every Content-Security-Policy violation in the contexts made by `new_context`."""
    return []


@pytest.fixture
def new_context(browser, live_server, csp_violations):
    """Browser contexts on the live server that report CSP violations; closed after the test."""
    contexts = []

    def make(**options):
        options = {"base_url": live_server.url, **options}
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        context.expose_binding(
            "kursenCspViolation", lambda source, text: csp_violations.append(text)
        )
        context.add_init_script(CSP_LISTENER)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context, demo, csp_violations):
    context = new_context(locale="da-DK", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    # Every browser test also shows that the pages it went through keep to the policy.
    assert not csp_violations, "Content-Security-Policy violations:\n" + "\n".join(csp_violations)


def log_in(page, username: str, password: str) -> None:
    page.goto("/log-ind/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_load_state()


class Accessibility:
    """Runs axe-core on the page in the browser and fails on serious or critical violations."""

    def __init__(self):
        self.axe = Axe()
        self.checked: list[str] = []

    def check(self, page) -> None:
        results = self.axe.run(page)
        violations = [v for v in results.response["violations"] if v["impact"] in SERIOUS]
        self.checked.append(page.url)
        assert not violations, f"{page.url}:\n" + "\n".join(
            f"- {v['impact']} {v['id']}: {v['help']} "
            f"({', '.join(str(n['target']) for n in v['nodes'][:3])})"
            for v in violations
        )


@pytest.fixture(scope="session")
def axe():
    return Accessibility()
