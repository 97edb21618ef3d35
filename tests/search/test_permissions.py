"""Search finds what the pages show the user, and nothing more: closed content only for
users who may see the body's closed content, drafts only for staff, decisions for the public
only once the minutes are approved. Counts and snippets tell nothing of the rest."""

import datetime

import pytest

from meetings import services
from search.selectors import search
from tests.factories import UserFactory
from tests.search.conftest import docx_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def agenda(ok, kb, ok_meeting, administrator):
    """ØK's published agenda: open and closed items, attachments and decisions, all about
    "vandværk"; a closed case routed only to KB; and a draft agenda."""
    open_case = services.case_create(number="25/100", title="Vandværk Nord, åben sag",
                                     routing=[ok, kb])  # fmt: skip
    closed_case = services.case_create(number="25/200", title="Vandværk Syd, lukket sag",
                                       closed=True, routing=[ok, kb])  # fmt: skip
    services.case_create(number="25/300", title="Vandværk Øst, lukket KB-sag", closed=True,
                         routing=[kb])  # fmt: skip
    text = {"case_presentation": "Vandværket renoveres."}
    open_item = services.agenda_item_add(meeting=ok_meeting, case=open_case, fields=text)
    services.attachment_add(item=open_item, title="Åbent vandværksnotat",
                            upload=docx_upload("a.docx", "Vandværket er fra 1962."))  # fmt: skip
    services.attachment_add(item=open_item, title="Lukket vandværkstilbud", closed=True,
                            upload=docx_upload("b.docx", "Tilbudspris på vandværket."))  # fmt: skip
    closed_item = services.agenda_item_add(
        meeting=ok_meeting, case=closed_case,
        fields={"case_presentation": "Vandværket sælges til HEMMELIGKØBER."},
    )  # fmt: skip
    services.attachment_add(item=closed_item, title="Vandværksvurdering", upload=None)
    services.meeting_publish_agenda(meeting=ok_meeting)
    services.decision_record(item=open_item, text="Vandværket renoveres for 4 mio. kr.")
    services.decision_record(item=closed_item, text="Vandværket sælges.")
    draft = services.meeting_create(body=ok, date=datetime.date(2026, 1, 6),
                                    start_time=datetime.time(14), from_template=False)  # fmt: skip
    services.agenda_item_add(meeting=draft, fields={"title": "Vandværk, udkast"})
    return {"open_item": open_item, "closed_item": closed_item}


def titles(**kwargs) -> set[str]:
    results = search(query="vandværk", **kwargs)
    assert results.total == len(results.hits)
    return {str(hit.title).replace("<mark>", "").replace("</mark>", "") for hit in results.hits}


OPEN = {
    "25/100 Vandværk Nord, åben sag",
    "1. Vandværk Nord, åben sag",
    "Beslutning: Vandværk Nord, åben sag",
    "Bilag 1: Åbent vandværksnotat",
    "1. Vandværk, udkast",
}
CLOSED_OK = {
    "25/200 Vandværk Syd, lukket sag",
    "2. Vandværk Syd, lukket sag",
    "Beslutning: Vandværk Syd, lukket sag",
    "Bilag 2: Lukket vandværkstilbud",
    "Bilag 1: Vandværksvurdering",
}
CLOSED_KB = {"25/300 Vandværk Øst, lukket KB-sag"}


def test_administrator_finds_everything(agenda, administrator):
    assert titles(user=administrator) == OPEN | CLOSED_OK | CLOSED_KB


def test_body_secretary_finds_the_bodys_closed_content(agenda, ok_secretary):
    assert titles(user=ok_secretary) == OPEN | CLOSED_OK


def test_secretary_of_another_body_finds_only_open_content(agenda, buu_secretary):
    assert titles(user=buu_secretary) == OPEN


def test_reader_finds_open_content_and_drafts(agenda, reader):
    assert titles(user=reader) == OPEN


def test_closed_case_is_found_through_any_body_on_its_routing(agenda, kb):
    kb_secretary = UserFactory(username="kb-sekretaer", role="editor", role__bodies=[kb])
    found = titles(user=kb_secretary)
    assert CLOSED_KB | {"25/200 Vandværk Syd, lukket sag"} <= found
    # The closed item sits on ØK's agenda: as the agenda page, only for ØK.
    assert "2. Vandværk Syd, lukket sag" not in found


def test_public_search_before_approval_has_no_decisions_drafts_or_closed(agenda, administrator):
    assert titles(public=True) == {"1. Vandværk Nord, åben sag", "Bilag 1: Åbent vandværksnotat"}
    # Whoever asks: an administrator's rights do not widen the public search.
    assert titles(public=True, user=administrator) == titles(public=True)


def test_public_search_finds_decisions_once_minutes_are_approved(agenda, ok_meeting):
    services.meeting_approve_minutes(meeting=ok_meeting)
    assert titles(public=True) == {
        "1. Vandværk Nord, åben sag",
        "Beslutning: Vandværk Nord, åben sag",
        "Bilag 1: Åbent vandværksnotat",
    }


def test_public_results_link_to_the_portal(agenda):
    urls = {hit.url for hit in search(query="vandværk", public=True).hits}
    assert urls and all(url.startswith("/offentlig/") for url in urls)


def test_closed_words_are_not_found_or_counted_without_access(agenda, reader, ok_secretary):
    for kwargs in ({"user": reader}, {"public": True}):
        results = search(query="hemmeligkøber", **kwargs)
        assert (results.total, results.hits) == (0, [])
    results = search(query="hemmeligkøber", user=ok_secretary)
    assert results.total == 1
    assert "<mark>HEMMELIGKØBER</mark>" in results.hits[0].snippet
