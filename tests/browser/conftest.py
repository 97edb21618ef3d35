"""Playwright driving Debian's Chromium against a live Kursen with the demo municipality."""

import os

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from demo.loader import demo_load

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# between browser steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
SERIOUS = {"serious", "critical"}


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-dev-shm-usage", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def demo(transactional_db, request):
    """The demo municipality; its meetings (a few seconds to load) only for tests marked
    `meetings`."""
    demo_load(meetings=request.node.get_closest_marker("meetings") is not None)


@pytest.fixture
def page(browser, live_server, demo):
    context = browser.new_context(base_url=live_server.url, locale="da-DK",
                                  viewport={"width": 1280, "height": 900})  # fmt: skip
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


def log_in(page, username: str, password: str) -> None:
    page.goto("/log-ind/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_load_state()


class Accessibility:
    """Runs axe-core on the page in the browser and fails on serious or critical violations."""

    def __init__(self):
        self.axe = Axe()
        self.checked: list[str] = []

    def check(self, page) -> None:
        results = self.axe.run(page)
        violations = [v for v in results.response["violations"] if v["impact"] in SERIOUS]
        self.checked.append(page.url)
        assert not violations, f"{page.url}:\n" + "\n".join(
            f"- {v['impact']} {v['id']}: {v['help']} "
            f"({', '.join(str(n['target']) for n in v['nodes'][:3])})"
            for v in violations
        )


@pytest.fixture(scope="session")
def axe():
    return Accessibility()
