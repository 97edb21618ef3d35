"""The body's secretary edits the forward plan and the agenda template in Kursen's own pages
(not the admin): list, add, edit, delete, reorder, with history; others may only read."""

import datetime

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import PlannedTopic, StandingItem
from organisation.concurrency import fingerprint
from tests.factories import PlannedTopicFactory, StandingItemFactory

pytestmark = pytest.mark.django_db


def test_the_secretary_adds_edits_and_deletes_a_topic(editor_client, au, editor):
    url = reverse("meetings:planned_topic_add", args=[au.pk])
    response = editor_client.post(
        url, {"title": "Besøg på jobcentret", "planned_for": "2025-03-11"}, follow=True
    )
    assert "»Besøg på jobcentret« er tilføjet til punkterne til kommende møder." in (
        response.content.decode()
    )
    topic = PlannedTopic.objects.get()
    assert topic.planned_for == datetime.date(2025, 3, 11)
    edit = reverse("meetings:planned_topic_edit", args=[au.pk, topic.pk])
    form = editor_client.get(edit).context["form"]
    editor_client.post(
        edit,
        {"title": "Besøg", "planned_for": "", "edit_fingerprint": form.initial["edit_fingerprint"]},
    )
    topic.refresh_from_db()
    assert (topic.title, topic.planned_for) == ("Besøg", None)
    delete = reverse("meetings:planned_topic_delete", args=[au.pk, topic.pk])
    editor_client.post(delete, {"edit_fingerprint": fingerprint(topic)})
    assert not PlannedTopic.objects.exists()
    reasons = [
        h.history_change_reason
        for h in PlannedTopic.history.filter(id=topic.pk).order_by("history_id")
    ]
    assert reasons[-2:] == ["Redigeret", "Slettet"]
    assert PlannedTopic.history.filter(id=topic.pk).first().history_user == editor


def test_a_stale_topic_form_is_refused(editor_client, au):
    topic = PlannedTopicFactory(body=au, title="Før")
    stale = fingerprint(topic)
    services.planned_topic_edit(topic=topic, title="Andens")
    response = editor_client.post(
        reverse("meetings:planned_topic_edit", args=[au.pk, topic.pk]),
        {"title": "Min", "edit_fingerprint": stale},
        follow=True,
    )
    assert (
        "Nogen har ændret eller slettet punktet, mens du redigerede." in response.content.decode()
    )
    topic.refresh_from_db()
    assert topic.title == "Andens"


@pytest.mark.parametrize(
    "data, message",
    [
        ({"title": ""}, "Skriv emnet."),
        ({"title": "x" * 301}, "Emnet må højst være 300 tegn."),
        ({"title": "A", "planned_for": "31-02-2025"}, "Skriv datoen som dd-mm-åååå"),
    ],
)
def test_bad_topic_input_gives_danish_errors(editor_client, au, data, message):
    response = editor_client.post(reverse("meetings:planned_topic_add", args=[au.pk]), data)
    assert response.status_code == 200 and message in response.content.decode()
    assert not PlannedTopic.objects.exists()


def test_the_agenda_template_is_edited_and_reordered(editor_client, au):
    add = reverse("meetings:standing_item_add", args=[au.pk])
    for title in ("Godkendelse af dagsorden", "Eventuelt"):
        editor_client.post(add, {"title": title, "kind": ""})
    first, second = StandingItem.objects.order_by("number")
    response = editor_client.post(
        reverse("meetings:standing_item_move", args=[au.pk, second.pk]),
        {"direction": "op"},
        follow=True,
    )
    assert "»Eventuelt« er nu punkt 1." in response.content.decode()
    assert list(StandingItem.objects.order_by("number").values_list("title", flat=True)) == [
        "Eventuelt",
        "Godkendelse af dagsorden",
    ]
    editor_client.post(
        reverse("meetings:standing_item_delete", args=[au.pk, second.pk]),
        {"edit_fingerprint": fingerprint(StandingItem.objects.get(pk=second.pk))},
    )
    remaining = StandingItem.objects.get()
    assert (remaining.title, remaining.number) == ("Godkendelse af dagsorden", 1)
    assert remaining.history.first().history_change_reason == "Rykket op"
    page = editor_client.get(reverse("meetings:standing_items", args=[au.pk])).content.decode()
    assert "Godkendelse af dagsorden" in page


def test_a_bad_direction_is_answered_in_danish(editor_client, au):
    item = StandingItemFactory(body=au)
    response = editor_client.post(
        reverse("meetings:standing_item_move", args=[au.pk, item.pk]),
        {"direction": "sidelæns"},
        follow=True,
    )
    assert "Vælg op eller ned." in response.content.decode()


def test_only_the_bodys_secretary_edits(reader_client, editor_client, au, buu):
    topic = PlannedTopicFactory(body=buu)
    assert (
        editor_client.get(reverse("meetings:planned_topic_add", args=[buu.pk])).status_code == 403
    )
    assert (
        editor_client.post(
            reverse("meetings:planned_topic_delete", args=[buu.pk, topic.pk])
        ).status_code
        == 403
    )
    assert (
        reader_client.post(
            reverse("meetings:standing_item_add", args=[au.pk]), {"title": "X"}
        ).status_code
        == 403
    )
    page = reader_client.get(reverse("meetings:forward_plan", args=[buu.pk])).content.decode()
    assert topic.title in page and "Redigér" not in page
    # Another body's topic is not found through this body's address.
    assert (
        editor_client.get(
            reverse("meetings:planned_topic_edit", args=[au.pk, topic.pk])
        ).status_code
        == 404
    )
