"""A throwaway database and Django set up for benchmarking."""

from __future__ import annotations

import os
import platform
import tempfile
import warnings
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def django_environment(database_url: str | None):
    """Set up Django on a fresh database, migrated; yield a description of the machine.

    Without a URL the database is a new SQLite file in a temporary folder. With one (e.g.
    PostgreSQL), Django creates a separate test database beside it (as the tests do) and drops
    it afterwards, so the named database itself is never touched.
    """
    with tempfile.TemporaryDirectory(prefix="kursen-bench-") as folder:
        os.environ["DATABASE_URL"] = database_url or f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
        os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
        os.environ.pop("DEBUG", None)

        # WhiteNoise notes that STATIC_ROOT is empty before collectstatic; the sources are served.
        warnings.filterwarnings("ignore", "No directory at", UserWarning)

        import django

        django.setup()

        from django.core.management import call_command
        from django.db import connection
        from django.test.utils import override_settings

        # Production serves hashed files from collectstatic's manifest; serve the sources.
        plain_static = override_settings(
            STORAGES={
                "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
                "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
            }
        )
        plain_static.enable()
        original_name = connection.settings_dict["NAME"]
        test_database = database_url is not None and connection.vendor != "sqlite"
        if test_database:
            connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
        else:
            call_command("migrate", verbosity=0, interactive=False)
        try:
            yield machine_info()
        finally:
            plain_static.disable()
            if test_database:
                connection.creation.destroy_test_db(original_name, verbosity=0)
            connection.close()


def machine_info() -> dict[str, str]:
    """What the numbers depend on: processor, Python, Django and the database."""
    import django
    from django.db import connection

    with connection.cursor():
        pass
    version = ""
    if connection.vendor == "sqlite":
        version = connection.Database.sqlite_version  # type: ignore[attr-defined]
    elif connection.vendor == "postgresql":
        server = connection.pg_version  # type: ignore[attr-defined]
        version = f"{server // 10000}.{server % 10000}"
    return {
        "CPUs": f"{os.cpu_count()} ({_processor()})",
        "Platform": platform.platform(),
        "Python": platform.python_version(),
        "Django": django.get_version(),
        "Database": f"{connection.vendor} {version}",
        "Load average": " ".join(f"{load:.2f}" for load in os.getloadavg()) + " (at start)",
    }


def _processor() -> str:
    """The processor's model name where Linux tells it, else the architecture."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()
