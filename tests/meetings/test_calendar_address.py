"""The personal calendar address can be renewed, and the old one then stops working."""

import re

from django.contrib.auth.models import User
from django.core import signing
from django.test import Client
from django.urls import reverse

from meetings import ical
from organisation.models import Profile

CALENDAR = reverse("meetings:calendar")
RENEW = reverse("meetings:calendar_feed_renew")


def _feed_url(client: Client) -> str:
    page = client.get(CALENDAR).content.decode()
    return re.search(r'id="feed-url" readonly value="([^"]+)"', page).group(1)


def test_renewing_the_address_makes_the_old_one_answer_404(reader_client, ok_meeting):
    old = _feed_url(reader_client)
    assert Client().get(old).status_code == 200

    response = reader_client.post(RENEW, follow=True)
    page = response.content.decode()
    assert "Du har fået en ny kalenderadresse" in page
    assert "Den gamle virker ikke længere" in page

    new = _feed_url(reader_client)
    assert new != old
    assert Client().get(old).status_code == 404
    feed = Client().get(new)
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("text/calendar")


def test_the_calendar_page_offers_the_renewal_as_a_post_with_an_explanation(reader_client):
    page = reader_client.get(CALENDAR).content.decode()
    form = re.search(r'<form method="post" action="' + RENEW + r'".*?</form>', page, re.S)
    assert form is not None
    assert "Lav ny kalenderadresse" in form.group(0)
    assert "holder op med at virke" in page
    # A GET does not renew anything.
    old = _feed_url(reader_client)
    assert reader_client.get(RENEW).status_code == 405
    assert _feed_url(reader_client) == old


def test_each_renewal_revokes_every_earlier_address(reader, reader_client):
    addresses = [_feed_url(reader_client)]
    for _ in range(2):
        reader_client.post(RENEW)
        addresses.append(_feed_url(reader_client))
    assert len(set(addresses)) == 3
    assert [Client().get(url).status_code for url in addresses] == [404, 404, 200]
    assert Profile.objects.get(user=reader).history.count() >= 3


def test_renewing_one_users_address_leaves_anothers_working(reader_client, editor_client):
    editors = _feed_url(editor_client)
    reader_client.post(RENEW)
    assert Client().get(editors).status_code == 200


def test_a_user_without_a_profile_can_renew_too(db):
    user = User.objects.create_user(username="uden-profil", password="x")
    client = Client()
    client.force_login(user)
    old = _feed_url(client)
    assert Client().get(old).status_code == 200
    client.post(RENEW)
    assert Client().get(old).status_code == 404
    assert Client().get(_feed_url(client)).status_code == 200


def test_forged_and_odd_tokens_answer_404(reader):
    for token in [
        "forkert",
        signing.dumps([reader.pk, 7], salt=ical.FEED_SALT),
        signing.dumps([reader.pk], salt=ical.FEED_SALT),
        signing.dumps(["1", "0"], salt=ical.FEED_SALT),
        signing.dumps({"u": reader.pk}, salt=ical.FEED_SALT),
        signing.dumps([reader.pk, 0], salt="another salt"),
    ]:
        url = reverse("meetings:calendar_feed", args=[token])
        assert Client().get(url).status_code == 404, token


def test_an_address_from_before_renewal_existed_works_until_the_first_renewal(reader):
    legacy = reverse("meetings:calendar_feed", args=[signing.dumps(reader.pk, salt=ical.FEED_SALT)])
    assert Client().get(legacy).status_code == 200
    client = Client()
    client.force_login(reader)
    client.post(RENEW)
    assert Client().get(legacy).status_code == 404


def test_a_deactivated_users_address_answers_404(reader, reader_client):
    url = _feed_url(reader_client)
    reader.is_active = False
    reader.save(update_fields=["is_active"])
    assert Client().get(url).status_code == 404
