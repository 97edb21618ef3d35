"""AU's secretary opens the committee's work plan and moves an item to another meeting, in a
real browser at 1280 and 390 px, axe-core on every page."""

import pytest
from playwright.sync_api import expect

from danish.formatting import long_date
from meetings.access import Access
from organisation.models import Body
from tests.browser.conftest import log_in
from workplans.models import Placement
from workplans.selectors import workplan_for

pytestmark = [pytest.mark.browser, pytest.mark.meetings]

OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"


def _an_item_and_another_meeting():
    au = Body.objects.get(abbreviation="AU")
    plan = workplan_for(body=au, year=2026, user=Access.system())
    entry = next(e for e in plan.entries() if e.item is not None and e.where.startswith("meeting"))
    other = next(m for m in plan.meetings if f"meeting-{m.pk}" != entry.where)
    return au, entry, other


def test_secretary_moves_an_item_on_the_work_plan(page, axe):
    au, entry, other = _an_item_and_another_meeting()
    log_in(page, "redaktor", "kursen-redaktor")
    page.get_by_role("link", name="Arbejdsplaner").click()
    axe.check(page)
    page.get_by_role("link", name="Arbejdsplan 2026 for Arbejdsmarkedsudvalget").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Udvalgets arbejdsplan: Arbejdsmarkedsudvalget 2026"
    )
    expect(
        page.get_by_role("heading", name="Ændret siden seneste fremlagte version")
    ).to_be_visible()
    axe.check(page)

    page.get_by_label(f"Flyt »{entry.title}« til").select_option(f"meeting-{other.pk}")
    page.get_by_role("button", name=f"Flyt »{entry.title}«").click()
    when = long_date(other.date, weekday=False)
    expect(page.get_by_role("status")).to_contain_text(
        f"»{entry.title}« er placeret: mødet {when}."
    )
    placement = Placement.objects.get(body=au, year=2026, item=entry.item)
    assert placement.meeting_id == other.pk
    # The page is the fragment swapped in: the row stands under its new meeting.
    section = page.locator(
        "section", has=page.get_by_role("heading", name=f"Mødet {long_date(other.date)}")
    )
    expect(section.get_by_role("link", name=entry.title)).to_be_visible()
    axe.check(page)

    # The forward plan and the agenda template, edited in Kursen's own pages.
    page.get_by_role("link", name="Punkter til kommende møder").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Punkter til kommende møder: Arbejdsmarkedsudvalget"
    )
    axe.check(page)
    page.get_by_role("link", name="Nyt punkt").click()
    page.get_by_label("Emne").fill("Besøg hos en virksomhed")
    axe.check(page)
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("status")).to_contain_text("»Besøg hos en virksomhed« er tilføjet")
    page.get_by_role("link", name="Dagsordensskabelon").first.click()
    axe.check(page)


def test_the_work_plan_fits_a_phone(new_context, demo, axe):
    au = Body.objects.get(abbreviation="AU")
    phone = new_context(locale="da-DK", viewport={"width": 390, "height": 844}).new_page()
    log_in(phone, "redaktor", "kursen-redaktor")
    for url in (
        f"/arbejdsplan/{au.pk}/2026/",
        f"/udvalg/{au.pk}/kommende-punkter/",
        f"/udvalg/{au.pk}/dagsordensskabelon/",
        "/arbejdsplan/",
    ):
        phone.goto(url)
        assert phone.evaluate(OVERFLOW) <= 0, url
        axe.check(phone)


def test_secretary_orders_topics_meets_a_conflict_and_subscribes(page, axe):
    from meetings import services as meeting_services
    from meetings.models import PlannedTopic

    au = Body.objects.get(abbreviation="AU")
    log_in(page, "redaktor", "kursen-redaktor")
    page.goto(f"/udvalg/{au.pk}/kommende-punkter/")
    for title in ("Første emne til december", "Andet emne til december"):
        page.get_by_role("link", name="Nyt punkt").click()
        page.get_by_label("Emne").fill(title)
        page.get_by_label("Planlagt til mødet den").fill("2026-12-15")
        page.get_by_role("button", name="Gem").click()
        expect(page.get_by_role("status")).to_contain_text(f"»{title}« er tilføjet")
    rows = page.locator("tr", has_text="emne til december")
    page.get_by_role("button", name="Flyt op »Andet emne til december«").click()
    expect(page.get_by_role("status")).to_contain_text(
        "»Andet emne til december« er flyttet op i rækkefølgen."
    )
    expect(rows.nth(0)).to_contain_text("Andet emne til december")
    expect(rows.nth(1)).to_contain_text("Første emne til december")
    axe.check(page)

    # Someone else saves the topic while this secretary has it open.
    topic = PlannedTopic.objects.get(body=au, title="Første emne til december")
    page.get_by_role("link", name="Redigér »Første emne til december«").click()
    meeting_services.planned_topic_update(
        topic=topic, fields={"title": "Første emne (rettet af kollega)"}
    )
    page.get_by_label("Emne").fill("Første emne, min udgave")
    page.get_by_role("button", name="Gem").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Punktet er ændret, mens du redigerede")
    expect(alert).to_contain_text("Første emne (rettet af kollega)")
    expect(alert).to_contain_text("Første emne, min udgave")
    axe.check(page)
    page.get_by_role("button", name="Gem min version").click()
    expect(page.get_by_role("status")).to_contain_text("»Første emne, min udgave« er gemt.")

    # The work plan as a subscription in Outlook, and a new address.
    page.goto(f"/arbejdsplan/{au.pk}/2026/")
    expect(page.get_by_role("heading", name="Abonnér på arbejdsplanen i Outlook")).to_be_visible()
    address = page.get_by_label("Adresse til kalenderabonnement")
    old = address.input_value()
    assert f"/arbejdsplan/{au.pk}/abonnement/" in old and old.endswith(".ics")
    axe.check(page)
    page.get_by_role("button", name="Lav ny kalenderadresse").click()
    expect(page.get_by_role("status")).to_contain_text("Du har fået en ny kalenderadresse.")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Arbejdsmarkedsudvalget 2026")
    assert page.get_by_label("Adresse til kalenderabonnement").input_value() != old
