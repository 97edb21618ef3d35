"""Issue 14, point 8: the public portal is the kommune's, and a past meeting whose agenda was
never sent out says what exists instead of "not sent out yet"."""

import datetime
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from meetings.models import Meeting
from portal.views import body_key
from tests.factories import BodyFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def test_the_portal_header_names_the_kommune_and_shows_its_arms(municipality):
    municipality.coat_of_arms = "favicon.svg"
    municipality.full_clean()
    municipality.save()
    html = Client().get(reverse("portal:index")).content.decode()
    header = html.split("</header>")[0]
    assert f'<span class="brand__name">{municipality.name}</span>' in header
    assert 'class="brand__arms" src="/static/favicon.svg"' in header
    assert '<span class="brand__name">Kursen</span>' not in header


def test_without_arms_the_portal_still_names_the_kommune(municipality):
    header = Client().get(reverse("portal:index")).content.decode().split("</header>")[0]
    assert f'<span class="brand__name">{municipality.name}</span>' in header
    assert "brand__arms" not in header


def test_the_arms_setting_accepts_only_an_image_path(municipality):
    for wrong in ("../settings.py", "kommune/byvaaben.exe", "/etc/passwd.png"):
        municipality.coat_of_arms = wrong
        with pytest.raises(ValidationError):
            municipality.full_clean()


def test_a_past_meeting_never_published_does_not_say_not_yet(municipality):
    body = BodyFactory(name="Teknik- og Miljøudvalget", abbreviation="TMU")
    past = MeetingFactory(body=body, date=datetime.date(2025, 3, 4), state=Meeting.State.PLANNED)
    html = Client().get(reverse("portal:body", args=[body_key(body)]) + "?aar=2025").content
    text = html.decode()
    assert past.date.year == 2025
    assert "Dagsordenen er ikke udsendt endnu" not in text
    assert "Mødet er afholdt. Dagsordenen blev ikke offentliggjort" in text


def test_every_page_links_the_favicon_and_it_exists(municipality, reader_client):
    from django.contrib.staticfiles import finders

    for client, url in ((Client(), reverse("portal:index")), (reader_client, "/kalender/")):
        html = client.get(url).content.decode()
        assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html, url
    assert "<svg" in Path(finders.find("favicon.svg")).read_text()
