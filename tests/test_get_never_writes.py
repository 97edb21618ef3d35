"""A GET never writes: no page, fragment, document, feed or preview changes the database.

Every URL pattern is asked with real ids (the same little municipality as the bad-input sweep)
as every role, and the SQL each request runs is captured: none may insert, update or delete.
A view that ran an import or saved something while being looked at (the import review did)
fails here, whichever URL it is.
"""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.test_bad_input import ROLES, ROUTES, _fill, _first, world  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


def _writes(queries) -> list[str]:
    return [q["sql"][:160] for q in queries if WRITE.match(q["sql"])]


@pytest.mark.parametrize("role", ROLES)
def test_no_get_writes_to_the_database(world, role):  # noqa: F811
    client = world["clients"][role]
    asked = 0
    for route in ROUTES:
        if route.startswith("log-ud"):
            continue  # logging out is a GET that ends the session on purpose
        url = _fill(route, world, _first, _first)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code != 500, url
        assert not _writes(queries.captured_queries), (url, _writes(queries.captured_queries))
        asked += 1
    assert asked > 40  # the walk reached the project's pages


def test_the_capture_sees_a_write(world):  # noqa: F811
    """The check can fail: a request that writes is seen as writing."""
    client = world["clients"]["administrator"]
    item_id = world["ids"]["indsatser"][0]
    with CaptureQueriesContext(connection) as queries:
        client.post(f"/indsatser/{item_id}/noter/", {"text": "Ny note", "date": "2025-01-02"})
    assert _writes(queries.captured_queries)
