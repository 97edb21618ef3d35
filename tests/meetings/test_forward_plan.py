"""The body's secretary edits the forward plan and the agenda template in Kursen's own pages
(not the admin): list, add, edit, delete, reorder, with history; others may only read."""

import datetime

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import PlannedTopic, StandingItem
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
    assert 'name="version" value="1"' in str(form["version"])
    editor_client.post(edit, {"title": "Besøg", "planned_for": "", "version": 1})
    topic.refresh_from_db()
    assert (topic.title, topic.planned_for, topic.version) == ("Besøg", None, 2)
    delete = reverse("meetings:planned_topic_delete", args=[au.pk, topic.pk])
    editor_client.post(delete, {"version": 2})
    assert not PlannedTopic.objects.exists()
    reasons = [
        h.history_change_reason
        for h in PlannedTopic.history.filter(id=topic.pk).order_by("history_id")
    ]
    assert reasons[-2:] == ["Redigeret", "Slettet"]
    assert PlannedTopic.history.filter(id=topic.pk).first().history_user == editor


def test_a_stale_topic_form_shows_both_versions_and_saves_nothing(editor_client, au, editor):
    topic = services.planned_topic_add(body=au, title="Før", description="Samme")
    services.planned_topic_update(topic=topic, fields={"title": "Andens"}, expected_version=1)
    url = reverse("meetings:planned_topic_edit", args=[au.pk, topic.pk])
    response = editor_client.post(
        url, {"title": "Min", "description": "Samme", "planned_for": "", "version": 1}
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert "Punktet er ændret, mens du redigerede" in page
    assert "<td>Min</td><td>Andens</td>" in page.replace("\n", "")
    assert 'name="version" value="2"' in page  # saving again is a deliberate choice
    topic.refresh_from_db()
    assert (topic.title, topic.version) == ("Andens", 2)
    # Saving again from the conflict page keeps the user's version.
    editor_client.post(url, {"title": "Min", "description": "Samme", "version": 2})
    topic.refresh_from_db()
    assert (topic.title, topic.version) == ("Min", 3)
    assert topic.history.first().history_user == editor


def test_a_stale_delete_shows_the_saved_topic_and_deletes_nothing(editor_client, au):
    topic = services.planned_topic_add(body=au, title="Før")
    services.planned_topic_update(
        topic=topic, fields={"title": "Nyt navn", "planned_for": datetime.date(2025, 3, 4)}
    )
    url = reverse("meetings:planned_topic_delete", args=[au.pk, topic.pk])
    response = editor_client.post(url, {"version": 1})
    page = response.content.decode()
    assert response.status_code == 409
    assert "Punktet er ændret, siden du åbnede siden" in page and "Nyt navn" in page
    assert "4. marts 2025" in page and 'name="version" value="2"' in page
    assert PlannedTopic.objects.filter(pk=topic.pk).exists()
    editor_client.post(url, {"version": 2})
    assert not PlannedTopic.objects.filter(pk=topic.pk).exists()


@pytest.mark.parametrize("version", ["", "abc", "-1", "99999999999999999999"])
def test_a_bad_version_is_a_danish_message_not_a_500(editor_client, au, version):
    topic = PlannedTopicFactory(body=au, title="Emnet")
    edit = reverse("meetings:planned_topic_edit", args=[au.pk, topic.pk])
    response = editor_client.post(edit, {"title": "Nyt", "version": version})
    assert response.status_code == 200
    assert "Siden mangler punktets version. Genindlæs siden og prøv igen." in (
        response.content.decode()
    )
    for name in ("planned_topic_delete", "planned_topic_move"):
        response = editor_client.post(
            reverse(f"meetings:{name}", args=[au.pk, topic.pk]),
            {"version": version, "direction": "op"},
            follow=True,
        )
        assert response.status_code == 200
        assert "Siden mangler punktets version." in response.content.decode()
    topic.refresh_from_db()
    assert (topic.title, topic.version) == ("Emnet", 1)


def test_a_topic_deleted_meanwhile_is_told_not_a_500(editor_client, au):
    topic = PlannedTopicFactory(body=au)
    url = reverse("meetings:planned_topic_edit", args=[au.pk, topic.pk])
    assert editor_client.get(url).status_code == 200
    topic.delete()
    assert editor_client.post(url, {"title": "X", "version": 1}).status_code == 404
    missing = reverse("meetings:planned_topic_move", args=[au.pk, 2**40])
    assert editor_client.post(missing, {"version": 1, "direction": "op"}).status_code == 404


def test_a_topic_on_an_agenda_is_not_edited_from_the_forward_plan(editor_client, au):
    from tests.factories import AgendaItemFactory, MeetingFactory

    topic = PlannedTopicFactory(body=au, title="Sat på")
    topic.agenda_item = AgendaItemFactory(meeting=MeetingFactory(body=au))
    topic.save()
    response = editor_client.post(
        reverse("meetings:planned_topic_edit", args=[au.pk, topic.pk]),
        {"title": "Ændret", "version": topic.version},
    )
    assert "Emnet står allerede på en dagsorden og kan ikke ændres her." in (
        response.content.decode()
    )
    topic.refresh_from_db()
    assert topic.title == "Sat på"


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
        {"direction": "op", "version": 1},
        follow=True,
    )
    assert "»Eventuelt« er nu punkt 1." in response.content.decode()
    assert list(StandingItem.objects.order_by("number").values_list("title", flat=True)) == [
        "Eventuelt",
        "Godkendelse af dagsorden",
    ]
    second.refresh_from_db()
    assert second.version == 2
    editor_client.post(
        reverse("meetings:standing_item_delete", args=[au.pk, second.pk]), {"version": 2}
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
        {"direction": "sidelæns", "version": item.version},
        follow=True,
    )
    assert "Vælg op eller ned." in response.content.decode()


def test_a_stale_standing_item_form_shows_both_versions(editor_client, au):
    item = services.standing_item_add(body=au, title="Eventuelt")
    services.standing_item_update(item=item, fields={"title": "Evt."}, expected_version=1)
    url = reverse("meetings:standing_item_edit", args=[au.pk, item.pk])
    response = editor_client.post(url, {"title": "Eventuelt og orientering", "kind": "",
                                        "version": 1})  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 409 and "Punktet er ændret, mens du redigerede" in page
    assert "Eventuelt og orientering" in page and "Evt." in page
    item.refresh_from_db()
    assert (item.title, item.version) == ("Evt.", 2)
    stale_move = editor_client.post(
        reverse("meetings:standing_item_move", args=[au.pk, item.pk]),
        {"direction": "op", "version": 1},
        follow=True,
    )
    assert "er ændret af en anden, siden du åbnede siden, og er ikke flyttet" in (
        stale_move.content.decode()
    )


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
