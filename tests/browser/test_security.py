"""The Content-Security-Policy in a real browser: the main pages, htmx's live filters and the
public portal run under it without a single violation; the listener itself sees one."""

import re

import pytest
from playwright.sync_api import expect

from meetings.models import Meeting, MeetingState
from plans.models import Item, Plan
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.meetings]


def test_main_pages_and_htmx_run_under_the_policy(page, csp_violations):
    plan = Plan.objects.get()
    item = Item.objects.filter(plan=plan).order_by("code").first()
    meeting = Meeting.objects.filter(state=MeetingState.MINUTES_APPROVED).order_by("date").first()

    for path in ["/offentlig/", f"/offentlig/moede/{meeting.pk}/", "/offentlig/soeg/?q=budget"]:
        response = page.goto(path)
        assert "default-src 'self'" in response.headers["content-security-policy"]
        expect(page.locator("h1")).not_to_be_empty()

    log_in(page, "admin", "kursen-admin")
    for path in [
        f"/planer/{plan.pk}/",
        f"/indsatser/{item.pk}/",
        f"/indsatser/{item.pk}/historik/",
        "/kalender/",
        meeting.get_absolute_url(),
        "/sager/",
        "/admin/",
    ]:
        page.goto(path)
        expect(page.locator("h1").first).not_to_be_empty()

    # htmx swaps the plan's results as one filters, with no style injected and no eval.
    page.goto(f"/planer/{plan.pk}/")
    page.get_by_label("Udvalg").select_option(label="Arbejdsmarkedsudvalget")
    expect(page).to_have_url(re.compile(r"committee="))
    expect(
        page.locator("#results").get_by_role("heading", name=re.compile("Arbejdsmarkedsudvalget"))
    ).to_be_visible()
    assert page.evaluate("document.querySelectorAll('style').length") == 0
    # And the staff search as one types.
    page.goto("/soeg/")
    page.get_by_label("Søg i indsatser, statusnoter").press_sequentially("rekrut")
    expect(page.get_by_role("status")).to_contain_text("for »rekrut«")
    assert csp_violations == []


def test_the_listener_reports_a_violation(page, csp_violations):
    page.goto("/offentlig/")
    # As an injected fragment would: an inline style attribute, which the policy refuses.
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>')")
    expect(page.locator("p", has_text="x").last).to_be_attached()
    page.wait_for_timeout(200)
    assert any(text.startswith("style-src") for text in csp_violations), csp_violations
    csp_violations.clear()  # seen: not a failure of this test
