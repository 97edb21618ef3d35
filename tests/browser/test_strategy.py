"""The strategic plan in a real browser at 1280 and 390 px: the course per theme and year, the
chosen SDGs, the administrator's pages for themes, courses and the SDG choice, and the item's
one timeline; axe-core finds nothing serious on any of them."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser]

SIZES = [{"width": 1280, "height": 900}, {"width": 390, "height": 844}]
OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"


def _look(page, axe, name: str) -> None:
    assert page.evaluate(OVERFLOW) <= 0, f"{name}: wider than the screen"
    axe.check(page)
    folder = os.environ.get("KURSEN_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        width = page.viewport_size["width"]
        page.screenshot(path=f"{folder}/{width}-{name}.png", full_page=True)


@pytest.mark.parametrize("size", SIZES, ids=["1280", "390"])
def test_a_new_user_opens_the_strategic_plan_and_picks_a_year(page, axe, size):
    page.set_viewport_size(size)
    log_in(page, "laeser", "kursen-laeser")
    page.goto("/plan/")
    page.get_by_role("link", name="Strategisk udmøntningsplan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Strategisk udmøntningsplan")
    expect(page.get_by_role("heading", name="1. Økonomi og budget i balance")).to_be_visible()
    expect(page.locator(".sdg--chosen").first).to_be_visible()
    _look(page, axe, "strategi")
    page.get_by_label("Kursen for").select_option("2025")
    page.get_by_role("button", name="Vis året").click()
    expect(page.get_by_role("heading", name="Kursen for 2025").first).to_be_visible()
    expect(page.get_by_text("Råderumsforslagene implementeres").first).to_be_visible()


@pytest.mark.parametrize("size", SIZES, ids=["1280", "390"])
def test_the_administrator_writes_a_course_and_chooses_the_sdgs(page, axe, size):
    page.set_viewport_size(size)
    log_in(page, "admin", "kursen-admin")
    page.goto("/plan/")
    page.get_by_role("link", name="Strategisk udmøntningsplan").click()
    page.get_by_label("Kursen for").select_option("2027")
    page.get_by_role("button", name="Vis året").click()
    page.get_by_role(
        "link", name="Skriv kursen for 2027 for Klima og den grønne omstilling"
    ).click()
    _look(page, axe, "kurs")
    page.get_by_role("textbox", name="Kursen", exact=True).fill(
        "Kysten klimasikres sammen med lodsejerne."
    )
    page.get_by_role("button", name="Gem kursen for 2027").click()
    expect(page.get_by_text("Kysten klimasikres sammen med lodsejerne.")).to_be_visible()

    page.get_by_role("link", name="Redigér temaet Klima og den grønne omstilling").click()
    _look(page, axe, "tema")
    page.get_by_role("link", name="Fortryd").click()
    page.get_by_role("link", name="Vælg planens verdensmål").click()
    _look(page, axe, "verdensmaal")
    page.get_by_role("checkbox", name="Verdensmål 14: Livet i havet").check()
    page.get_by_role("button", name="Gem verdensmål").click()
    expect(page.get_by_text("Planens verdensmål er gemt.")).to_be_visible()
    expect(page.get_by_text("har kommunen udvalgt 7 af FN's 17 verdensmål")).to_be_visible()


@pytest.mark.parametrize("size", SIZES, ids=["1280", "390"])
def test_an_item_tells_its_whole_story_on_one_timeline(page, axe, size):
    page.set_viewport_size(size)
    log_in(page, "laeser", "kursen-laeser")
    page.goto("/plan/")
    page.locator("table.items a").first.click()
    expect(page.get_by_role("heading", name="Forløb")).to_be_visible()
    expect(page.locator(".timeline__entry").first).to_be_visible()
    _look(page, axe, "indsats")
