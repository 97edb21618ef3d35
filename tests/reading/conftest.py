"""Fixtures for reading and importing documents: the meetings part's bodies and members."""

from tests.meetings.conftest import kb, ok_members  # noqa: F401 - fixtures reused by name
