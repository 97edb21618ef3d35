"""Fixtures for the meetings part: a case routed ØK → KB and their meetings (ØK, KB and ØK's
members are shared fixtures in tests/conftest.py)."""

import datetime

import pytest

from meetings import services


@pytest.fixture
def case(ok, kb, item):
    return services.case_create(
        number="22/291", title="Udmøntningsplan 2023-2026", routing=[ok, kb], items=[item]
    )


@pytest.fixture
def ok_meeting(ok):
    return services.meeting_create(
        body=ok, date=datetime.date(2022, 12, 6), start_time=datetime.time(14), from_template=False
    )


@pytest.fixture
def kb_meeting(kb):
    return services.meeting_create(
        body=kb, date=datetime.date(2022, 12, 13), start_time=datetime.time(18), from_template=False
    )


@pytest.fixture
def pdf_upload():
    from django.core.files.uploadedfile import SimpleUploadedFile

    def make(name="notat.pdf", content=b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"):
        return SimpleUploadedFile(name, content, content_type="application/pdf")

    return make
