"""Fixtures for search: a published ØK meeting with open and closed content, users of each
role, and helpers to search as them."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from meetings import services
from search.selectors import search
from tests.factories import UserFactory


def docx_upload(name: str, text: str) -> SimpleUploadedFile:
    """A Word file whose body is the text (quicker to make than a PDF)."""
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile(
        name,
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


@pytest.fixture
def ok_meeting(ok):
    return services.meeting_create(
        body=ok, date=datetime.date(2025, 12, 2), start_time=datetime.time(14), from_template=False
    )


@pytest.fixture
def ok_secretary(ok):
    return UserFactory(username="oek-sekretaer", role="editor", role__bodies=[ok])


@pytest.fixture
def buu_secretary(buu):
    return UserFactory(username="buu-sekretaer", role="editor", role__bodies=[buu])


@pytest.fixture
def found():
    """found(query, user=..., public=...) -> the titles found, as plain text."""
    import re

    def titles(query: str, **kwargs) -> list[str]:
        results = search(query=query, **kwargs)
        return [re.sub(r"</?mark>", "", str(hit.title)) for hit in results.hits]

    return titles
