"""A status round in a real browser, at 1280 and 390 px, with axe-core on every page: the
administrator opens it, the editor answers on "Mit overblik" and approves as the area's
director, the administrator closes it and reads the report with its charts."""

import datetime

import pytest
from playwright.sync_api import expect

from followup.models import Answer, Round
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"


def _fits(page) -> None:
    assert page.evaluate(OVERFLOW) <= 0, page.url


@pytest.mark.parametrize("width", [1280, 390])
def test_a_round_from_opening_to_the_report(page, new_context, axe, width):
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, "admin", "kursen-admin")
    page.goto("/statusrunder/ny/")
    axe.check(page)
    _fits(page)
    page.get_by_label("Navn").fill("Status marts 2027")
    deadline = datetime.date.today() + datetime.timedelta(days=30)
    page.get_by_label("Svarfrist").fill(deadline.isoformat())
    page.get_by_label("Hvem svarer for en indsats").select_option("editor")
    page.get_by_label("Kun udvalg").select_option(label="Arbejdsmarkedsudvalget")
    page.get_by_role("button", name="Åbn statusrunden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Status marts 2027")
    expect(page.get_by_text("Statusrunden er åbnet.")).to_be_visible()
    axe.check(page)
    _fits(page)
    round = Round.objects.get(name="Status marts 2027")
    answer = Answer.objects.filter(round=round, respondent__username="redaktor").order_by(
        "item__code").first()  # fmt: skip

    editor = new_context(locale="da-DK", viewport={"width": width, "height": 900}).new_page()
    log_in(editor, "redaktor", "kursen-redaktor")
    expect(editor.get_by_role("heading", level=1)).to_have_text("Mit overblik")
    axe.check(editor)
    _fits(editor)
    editor.get_by_role("row").filter(has_text="Status marts 2027").filter(
        has_text=answer.item.code).get_by_role("link").click()  # fmt: skip
    expect(editor.get_by_role("heading", level=1)).to_contain_text(answer.item.code)
    axe.check(editor)
    _fits(editor)
    editor.locator("#id_status").select_option("in_progress")
    editor.get_by_label("Statusnote").fill("Arbejdsgruppen har holdt tre møder.")
    editor.get_by_role("button", name="Gem kladde").click()
    expect(editor.get_by_text("Svaret er gemt som kladde.")).to_be_visible()
    editor.get_by_label("Justeret tidspunkt: år").fill("1800")
    editor.get_by_role("button", name="Indsend svaret").click()
    expect(editor.get_by_text("Angiv et årstal, f.eks. 2025.")).to_be_visible()
    axe.check(editor)
    editor.get_by_label("Justeret tidspunkt: år").fill("2027")
    editor.get_by_role("button", name="Indsend svaret").click()
    expect(editor.get_by_text("Svaret er indsendt til direktøren.")).to_be_visible()

    # The editor is the director of the area too: the answer waits for their review.
    reviews = editor.get_by_role("region", name="Svar, der venter på din godkendelse")
    reviews.get_by_role("listitem").filter(has_text="Status marts 2027").filter(
        has_text=answer.item.code
    ).get_by_role("link").click()
    expect(editor.get_by_role("heading", level=1)).to_contain_text("Gennemse svar")
    axe.check(editor)
    _fits(editor)
    editor.get_by_role("button", name="Godkend").click()
    expect(editor.get_by_text("Svaret er godkendt.")).to_be_visible()

    page.reload()
    expect(page.get_by_text("1 godkendt").first).to_be_visible()
    page.get_by_label("Jeg ved, at lukningen ikke kan fortrydes").check()
    page.get_by_role("button", name="Luk statusrunden").click()
    expect(page.get_by_text("Statusrunden er lukket")).to_be_visible()
    page.get_by_role("link", name="Rapport").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Statusrapport: Status marts 2027")
    expect(page.get_by_role("img", name="Status pr. udvalg")).to_be_visible()
    expect(page.get_by_text("Arbejdsgruppen har holdt tre møder.").first).to_be_visible()
    axe.check(page)
    _fits(page)
