"""A secretariat's way through a meeting in a real browser, axe-core on every page:
plan a meeting from the template, put a case on it, send out the agenda, record the decision,
see the case offered to the next body, approve the minutes; then the public portal."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from danish.formatting import long_date
from meetings import services
from organisation.models import Body
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.meetings]


def test_secretary_takes_a_case_from_agenda_to_approved_minutes(page, axe):
    # ØK met last Sunday (a decision is recorded on the meeting day or after, never before);
    # KB meets on a Sunday two weeks later, after ØK's decision (no demo meeting is on a Sunday).
    today = timezone.localdate()
    ok_date = today - datetime.timedelta(days=(today.weekday() + 1) % 7 or 7)
    ok_short = ok_date.strftime("%d-%m-%Y")
    kb = Body.objects.get(abbreviation="KB")
    kb_date = ok_date + datetime.timedelta(days=14)
    kb_meeting = services.meeting_create(
        body=kb, date=kb_date, start_time=datetime.time(18), from_template=False
    )
    log_in(page, "admin", "kursen-admin")

    # A new case routed ØK → KB.
    page.get_by_role("link", name="Sager").click()
    axe.check(page)
    page.get_by_role("link", name="Ny sag").click()
    page.get_by_label("Sagsnummer").fill("26/5000")
    page.get_by_label("Titel").fill("Budgetopfølgning pr. 31. marts")
    page.get_by_label("Sagsgang").fill("ØK, KB")
    axe.check(page)
    page.get_by_role("button", name="Gem sagen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "26/5000 Budgetopfølgning pr. 31. marts"
    )
    axe.check(page)

    # ØK's meeting, from the template.
    page.get_by_role("link", name="Møder").click()
    axe.check(page)
    page.get_by_role("link", name="Nyt møde").click()
    page.get_by_label("Udvalg").select_option(label="Økonomiudvalget")
    page.get_by_label("Dato").fill(ok_date.isoformat())
    page.get_by_label("Start kl.").fill("14:00")
    page.get_by_label("Slut kl.").fill("16:00")
    page.get_by_label("Sted").fill("Mødelokale 1, rådhuset")
    axe.check(page)
    page.get_by_role("button", name="Opret mødet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Økonomiudvalget, {long_date(ok_date)}"
    )
    axe.check(page)

    # The case goes on the agenda; its sections are written with bullets.
    page.get_by_label("Sag", exact=True).select_option(
        label="26/5000 Budgetopfølgning pr. 31. marts"
    )
    page.get_by_role("button", name="Tilføj punkt").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Redigér punkt")
    page.get_by_label("Sagsfremstilling").fill(
        "Forvaltningen har udarbejdet budgetopfølgningen.\n\n"
        "- Drift: merforbrug\n- Anlæg: mindreforbrug"
    )
    page.get_by_label("Indstilling", exact=True).fill(
        "Kommunaldirektøren indstiller, at budgetopfølgningen godkendes."
    )
    axe.check(page)
    page.get_by_role("button", name="Gem punktet").click()
    expect(page.get_by_role("listitem").filter(has_text="Drift: merforbrug")).to_be_visible()
    axe.check(page)
    page.get_by_role("link", name=f"Økonomiudvalget {ok_short}").click()

    # Send out the agenda, after a confirmation that says what happens; then the decision.
    page.get_by_role("link", name="Udsend dagsorden …").click()
    expect(page.locator("main")).to_contain_text("vises på den offentlige portal")
    axe.check(page)
    page.get_by_role("button", name="Udsend dagsorden").click()
    expect(page.get_by_role("status").first).to_contain_text("Dagsordenen er udsendt")
    axe.check(page)
    page.get_by_role("heading", name=re.compile("Budgetopfølgning")).get_by_role("link").click()
    page.get_by_label("Beslutning (skal udfyldes)").fill("Tiltrådt.")
    page.get_by_role("button", name="Gem beslutning").click()
    expect(page.get_by_text(f"Beslutning i Økonomiudvalget den {ok_short}")).to_be_visible()
    expect(page.get_by_text("Sagen går videre til")).to_contain_text("Kommunalbestyrelsen")
    axe.check(page)

    # The case is offered to KB: put it on KB's meeting, where ØK's decision shows.
    page.get_by_role("link", name="Sæt den på et møde i Kommunalbestyrelsen").click()
    axe.check(page)
    page.get_by_label("Møde").select_option(label=f"Kommunalbestyrelsen {kb_date:%d-%m-%Y}")
    page.get_by_role("button", name="Sæt på dagsordenen").click()
    expect(page.get_by_text(f"Beslutning i Økonomiudvalget den {ok_short}")).to_be_visible()
    assert kb_meeting.items.get().title == "Budgetopfølgning pr. 31. marts"
    axe.check(page)

    # Approve ØK's minutes: the decision is locked; a correction is an addendum.
    ok_meeting = Body.objects.get(abbreviation="ØK").meetings.get(date=ok_date)
    page.goto(ok_meeting.get_absolute_url())
    page.get_by_role("link", name="Godkend beslutningsprotokol …").click()
    expect(page.locator("main")).to_contain_text("Beslutningerne låses")
    page.get_by_role("button", name="Godkend beslutningsprotokol").click()
    expect(page.get_by_text("Beslutningsprotokol godkendt").first).to_be_visible()
    axe.check(page)
    page.get_by_role("heading", name=re.compile("Budgetopfølgning")).get_by_role("link").click()
    expect(page.get_by_role("button", name="Gem beslutning")).to_have_count(0)
    page.get_by_label("Tilføjelse til beslutningsprotokollen (skal udfyldes)").fill(
        "Bilag 1 er opdateret."
    )
    page.get_by_role("button", name="Gem tilføjelse").click()
    expect(page.get_by_text("Bilag 1 er opdateret.")).to_be_visible()
    axe.check(page)

    # The calendar shows the new meeting.
    page.goto(f"/kalender/?maaned={ok_date:%Y-%m}")
    expect(page.locator(f'a[href="{ok_meeting.get_absolute_url()}"]')).to_be_visible()
    axe.check(page)


def test_public_portal_shows_published_meetings_without_login(page, axe):
    ok = Body.objects.get(abbreviation="ØK")
    meeting = services.meeting_create(
        body=ok, date=datetime.date(2027, 2, 2), start_time=datetime.time(14), from_template=False
    )
    open_item = {"title": "Åbent punkt om trafik", "case_presentation": "- cykelstier"}
    closed_item = {"title": "Personalesag", "closed": True, "case_presentation": "Fortroligt."}
    services.agenda_item_add(meeting=meeting, fields=open_item)
    services.agenda_item_add(meeting=meeting, fields=closed_item)
    services.meeting_publish_agenda(meeting=meeting)

    page.goto("/offentlig/")
    axe.check(page)
    page.get_by_role("link", name="Økonomiudvalget").first.click()
    axe.check(page)
    page.goto(f"/offentlig/moede/{meeting.pk}/")
    expect(page.get_by_text("Åbent punkt om trafik").first).to_be_visible()
    expect(page.get_by_text("Lukket punkt").first).to_be_visible()
    expect(page.get_by_text("Fortroligt.")).to_have_count(0)
    axe.check(page)


def test_reader_follows_the_boards_template_meeting_and_the_plans_case(page, axe):
    log_in(page, "laeser", "kursen-laeser")
    page.goto("/kalender/?maaned=2026-11&udvalg=DIR")
    axe.check(page)
    page.get_by_role("row", name=re.compile("25. november 2026")).get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Direktionen, onsdag den 25. november 2026"
    )
    expect(page.get_by_text(re.compile(r"^Rul december: ØK d\."))).to_be_visible()
    expect(page.get_by_text("Punkter som afventer dato:")).to_be_visible()
    # The reader has no access to Direktionen's closed attachment: its title is not shown.
    expect(page.get_by_text("Lukket bilag").first).to_be_visible()
    axe.check(page)

    page.get_by_role("link", name="Sager").click()
    page.get_by_label("Sagsnummer eller titel").fill("Udmøntningsplan 2025-2028")
    page.get_by_role("button", name="Søg").click()
    axe.check(page)
    page.get_by_role("link", name="24/10511").click()
    steps = page.get_by_role("listitem").filter(has_text="Økonomiudvalget")
    expect(steps.first).to_contain_text("Tiltrådt.")
    expect(
        page.get_by_role("listitem").filter(has_text="Kommunalbestyrelsen").first
    ).to_contain_text("Godkendt.")
    axe.check(page)
