"""Every page at a phone's 390 px: nothing runs off the screen sideways, the header folds into
a menu, and axe-core finds nothing serious there either (issue 14, point 10).

Screenshots of each page at 390 and 1280 px go to $KURSEN_SCREENSHOTS when it is set, for a
person to look at; the assertions do not depend on them."""

import os
import re
from pathlib import Path

import pytest
from django.urls import get_resolver, reverse
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.test_security_headers import _is_document, _kwargs_by_name, _needs_arguments, _patterns

pytestmark = [pytest.mark.browser, pytest.mark.meetings]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# Downloads and POST-only steps are not pages to look at.
NOT_PAGES = {"logout", "meetings:calendar_feed", "portal:calendar", "portal:body_calendar",
             "plans:export", "meetings:attachment", "portal:attachment",
             "plans:catalogue_export", "workplans:workplan_calendar", "cycle:feed",
             "workplans:workplan_feed"}  # fmt: skip
OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"


def _pages() -> list[str]:
    kwargs = _kwargs_by_name()
    names = sorted(set(_patterns(get_resolver().url_patterns)))
    unknown = [n for n in names if n not in kwargs and not _is_document(n) and _needs_arguments(n)]
    assert not unknown, f"new pages: give them arguments in _kwargs_by_name: {unknown}"
    urls = []
    for name in names:
        if _is_document(name) or name in NOT_PAGES:
            continue
        urls.append(reverse(name, kwargs=kwargs.get(name)))
    return urls


def _shoot(page, url: str, width: int) -> None:
    folder = os.environ.get("KURSEN_SCREENSHOTS")
    if folder:
        name = re.sub(r"[^A-Za-z0-9]+", "_", url).strip("_") or "forside"
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{folder}/{width}-{name}.png", full_page=True)


def _visit_all(page, axe, urls: list[str], *, width: int) -> list[str]:
    wide = []
    for url in urls:
        if page.request.get(url, max_redirects=0).status == 405:
            continue  # a POST-only step (its form is on the page that leads to it)
        response = page.goto(url)
        assert response is not None and response.status < 500, f"{url}: {response.status}"
        overflow = page.evaluate(OVERFLOW)
        if overflow > 0:
            wide.append(f"{url}: {overflow} px too wide")
        _shoot(page, url, width)
        if width == PHONE["width"] and response.status == 200:
            axe.check(page)
    return wide


def test_every_page_fits_a_phone_for_staff_and_public(page, new_context, axe):
    urls = _pages()
    assert len(urls) > 30
    page.set_viewport_size(PHONE)
    log_in(page, "admin", "kursen-admin")
    staff = _visit_all(page, axe, urls, width=PHONE["width"])
    anonymous = new_context(locale="da-DK", viewport=PHONE).new_page()
    public = _visit_all(anonymous, axe, [u for u in urls if u.startswith("/offentlig/")]
                        + ["/log-ind/"], width=PHONE["width"])  # fmt: skip
    assert staff + public == []
    if os.environ.get("KURSEN_SCREENSHOTS"):
        page.set_viewport_size(DESKTOP)
        _visit_all(page, axe, urls, width=DESKTOP["width"])


def test_the_header_folds_into_a_menu_on_a_phone(page):
    page.set_viewport_size(PHONE)
    log_in(page, "redaktor", "kursen-redaktor")
    page.goto("/plan/")
    menu = page.get_by_role("button", name="Menu")
    expect(menu).to_be_visible()
    expect(menu).to_have_attribute("aria-expanded", "false")
    nav = page.get_by_role("navigation", name="Hovedmenu")
    expect(nav).to_be_hidden()
    header = page.locator(".site-header").bounding_box()
    assert header["height"] < 80, header
    menu.focus()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(nav.get_by_role("link", name="Møder")).to_be_visible()
    nav.get_by_role("link", name="Møder").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mødekalender")


def test_on_a_wide_screen_the_menu_is_open_without_a_button(page):
    log_in(page, "redaktor", "kursen-redaktor")
    page.goto("/plan/")
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Hovedmenu")).to_be_visible()


def test_the_site_has_a_favicon(page):
    page.goto("/offentlig/")
    href = page.locator("link[rel=icon]").get_attribute("href")
    response = page.request.get(href)
    assert response.status == 200 and b"<svg" in response.body()
