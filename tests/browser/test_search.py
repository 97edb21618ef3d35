"""Search in a real browser, axe-core on every page: the public portal's search from its front
page, then the staff search from the header as a reader, with a filter, and as one types."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.meetings]


def test_public_and_staff_search(page, axe):
    # The portal: its own search box on the front page, public content only.
    page.goto("/offentlig/")
    page.get_by_label("Søg i dagsordener, beslutninger og bilag").fill("budgetopfølgning")
    page.get_by_role("button", name="Søg", exact=True).click()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("Søg i dagsordener og beslutningsprotokoller")
    expect(page.get_by_role("status")).to_contain_text("for »budgetopfølgning«")
    results = page.get_by_role("list").filter(has=page.locator(".search-result"))
    expect(results.get_by_role("heading", level=2).first).to_be_visible()
    expect(results.locator("mark").first).to_be_visible()
    assert all(
        href.startswith("/offentlig/")
        for href in results.get_by_role("link").evaluate_all(
            "els => els.map(e => e.getAttribute('href'))"
        )
    )
    axe.check(page)
    # An agenda item's result opens the public agenda at the item (attachments download).
    page.locator('.search-result__title a[href^="/offentlig/moede/"]').first.click()
    expect(page).to_have_url(re.compile(r"/offentlig/moede/\d+/#punkt-\d+$"))

    # Staff: the header's search box, as a reader, then a filter on the kind of thing.
    log_in(page, "laeser", "kursen-laeser")
    page.get_by_role("searchbox", name="Søg i Kursen").fill("børn")
    page.get_by_role("button", name="Find").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Søg")
    expect(page.get_by_role("status")).to_contain_text("for »børn«")
    axe.check(page)
    page.get_by_label("Type").select_option(label="Indsats")
    page.get_by_role("button", name="Søg", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("for »børn«")
    labels = page.locator(".search-result__meta .tag").all_inner_texts()
    assert labels and set(labels) == {"Indsats"}
    axe.check(page)
    page.locator(".search-result__title a").first.click()
    expect(page).to_have_url(re.compile(r"/indsatser/\d+/"))

    # Typing in the search page's box updates the results (the last word as a prefix).
    page.goto("/soeg/")
    page.get_by_label("Søg i indsatser, statusnoter").press_sequentially("rekrut")
    expect(page.get_by_role("status")).to_contain_text("for »rekrut«")
    expect(page.locator(".search-results mark").first).to_contain_text(re.compile("^Rekrut", re.I))
    assert "q=rekrut" in page.url
    axe.check(page)
