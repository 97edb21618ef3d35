"""The annual cycle in a real browser at 1280 and 390 px, axe-core on every page: the wheel
with its focusable events and its list, an event made from a preset, and its editing page.

Screenshots go to $KURSEN_SCREENSHOTS when it is set, for a person to look at."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.meetings]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"


def _shoot(page, name: str) -> None:
    folder = os.environ.get("KURSEN_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{folder}/{name}.png", full_page=True)


def _check(page, axe, name: str) -> None:
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        assert page.evaluate(OVERFLOW) <= 0, f"{name} is too wide at {size['width']} px"
        axe.check(page)
        _shoot(page, f"{name}-{size['width']}")
    page.set_viewport_size(DESKTOP)


def test_the_wheel_and_an_event_made_from_a_preset(page, axe):
    log_in(page, "admin", "kursen-admin")
    page.get_by_role("link", name="Årshjul").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Årshjul")
    # Every event on the wheel is a link with a name, reached with the keyboard.
    marks = page.locator("svg.wheel a.wheel__event")
    assert marks.count() > 10
    marks.first.focus()
    name = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert name and "(" in name
    expect(page.get_by_role("heading", name="Årshjulet 2026 som liste")).to_be_visible()
    _check(page, axe, "aarshjul")

    page.get_by_role("link", name="Ny begivenhed").click()
    _check(page, axe, "aarshjul-ny")
    page.get_by_label("Titel").fill("Temamøde om klima")
    page.get_by_label("Slags").select_option(label="Kommunens egne")
    page.get_by_label("Kommunalbestyrelsen").check()
    page.get_by_label("Første gang").fill("2026-04-10")
    page.get_by_label("Gentagelse").select_option(label="To gange om året")
    page.get_by_label("Måned", exact=True).select_option(label="april")
    page.get_by_label("Anden måned (to gange om året)").select_option(label="oktober")
    page.get_by_role("button", name="Opret begivenheden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Temamøde om klima")
    expect(page.get_by_text("Hvert år den 10. april og 10. oktober")).to_be_visible()
    _check(page, axe, "aarshjul-begivenhed")

    page.get_by_role("link", name="Redigér").click()
    page.get_by_label("Gentagelse").select_option(label="Egen regel (RRULE)")
    page.get_by_label("Egen regel (RRULE)", exact=True).fill("FREQ=HOURLY")
    page.get_by_role("button", name="Gem begivenheden").click()
    expect(page.get_by_text("Et årshjul gentager højst dagligt")).to_be_visible()
    _check(page, axe, "aarshjul-rediger")

    page.goto("/aarshjul/?ringe=slags&udvalg=DIR")
    expect(page.locator("svg.wheel a.wheel__event").first).to_be_attached()
    _check(page, axe, "aarshjul-direktionen")
