"""'Mine mails' in a real browser, at 1280 and 390 px: reached from the header, a choice
saved and shown again, and nothing for axe-core to find."""

import os

import pytest
from playwright.sync_api import expect

from notify.preferences import wants
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser]


@pytest.mark.parametrize("width", [1280, 390])
def test_a_user_turns_off_agenda_mails(new_context, demo, csp_violations, axe, width):
    from django.contrib.auth.models import User

    page = new_context(locale="da-DK", viewport={"width": width, "height": 900}).new_page()
    log_in(page, "redaktor", "kursen-redaktor")
    if width < 600:
        page.get_by_role("button", name="Menu").click()
    page.get_by_role("link", name="Mine mails").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine mails")
    axe.check(page)
    agenda = page.get_by_label("en dagsorden er udsendt til et udvalg, jeg er med i")
    expect(agenda).to_be_checked()
    agenda.uncheck()
    page.get_by_role("button", name="Gem mine valg").click()
    expect(page.get_by_text("Dine valg er gemt.")).to_be_visible()
    expect(
        page.get_by_label("en dagsorden er udsendt til et udvalg, jeg er med i")
    ).not_to_be_checked()
    expect(
        page.get_by_label("en sag er klar til behandling i et udvalg, jeg er sekretær for")
    ).to_be_checked()
    if os.environ.get("KURSEN_SCREENSHOTS"):  # for a person to look at
        page.screenshot(path=f"{os.environ['KURSEN_SCREENSHOTS']}/{width}-mine-mails.png")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    axe.check(page)
    assert not wants(User.objects.get(username="redaktor"), "meetings.agenda_sent")
    assert not csp_violations
