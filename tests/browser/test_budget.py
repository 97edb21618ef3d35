"""The administrator follows a råderumsforslag into the plan, reads the efficiency contribution
and carries the plan over to 2026-2029 in a real browser, axe-core on every page, at 1280 and
390 px. Screenshots go to $KURSEN_SCREENSHOTS when it is set."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from followup.models import Round
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser

OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"


def _shoot(page, name: str) -> None:
    folder = os.environ.get("KURSEN_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        width = page.viewport_size["width"]
        # The carry-over page lists every item of the plan: its top is what there is to see.
        page.screenshot(path=f"{folder}/{width}-budget-{name}.png", full_page=name != "viderefoer",
                        timeout=60_000)  # fmt: skip


@pytest.mark.parametrize("width", [1280, 390])
def test_catalogue_compliance_and_carry_over(page, axe, width):
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, "admin", "kursen-admin")
    page.goto("/plan/")
    page.get_by_role("link", name="Råderumskatalog").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Råderumskatalog")
    expect(page.get_by_role("status")).to_contain_text("37 forslag")
    assert page.evaluate(OVERFLOW) <= 0
    axe.check(page)
    _shoot(page, "katalog")

    page.get_by_label("Tilstand").select_option(label="Fravalgt")
    page.get_by_role("button", name="Filtrér").click()
    expect(page.get_by_role("status")).to_contain_text("11 forslag, heraf 0 valgt")
    page.get_by_role("link", name="Nulstil filtre").click()

    page.get_by_role("link", name="Indsats ØK-R01").click()
    expect(page.get_by_text("Fra råderumskataloget: forslag R-01")).to_be_visible()
    axe.check(page)
    page.get_by_role("link", name="forslag R-01", exact=True).click()
    expect(page.get_by_role("heading", name="Blev til")).to_be_visible()
    axe.check(page)
    _shoot(page, "forslag")

    page.goto("/plan/")
    page.locator(".actions").get_by_role("link", name="Effektiviseringsbidrag").click()
    chart = page.get_by_role("img", name=re.compile("Effektiviseringsbidrag 2025 pr. udvalg"))
    expect(chart).to_be_visible()
    expect(page.get_by_role("table").first).to_contain_text("Arbejdsmarkedsudvalget (AU)")
    assert page.evaluate(OVERFLOW) <= 0
    axe.check(page)
    _shoot(page, "effektivisering")
    page.get_by_role("link", name="Ret mål").click()
    expect(page.get_by_label("AU 2025")).to_have_value("-4.350")
    assert page.evaluate(OVERFLOW) <= 0
    axe.check(page)

    page.goto("/plan/")
    page.get_by_role("link", name="Viderefør til ny budgetperiode").click()
    expect(page.get_by_label("Den nye plans navn")).to_have_value("Udmøntningsplan 2026-2029")
    # The demo's open status round keeps the old plan from being archived: close it first.
    open_round = Round.objects.get(plan__name="Udmøntningsplan 2025-2028", state=Round.State.OPEN)
    expect(page.get_by_text("Den gamle plan kan ikke arkiveres endnu")).to_be_visible()
    expect(page.get_by_text(f"Luk statusrunden »{open_round.name}«")).to_be_visible()
    axe.check(page)
    page.goto(open_round.get_absolute_url())
    page.get_by_label("Jeg ved, at lukningen ikke kan fortrydes").check()
    page.get_by_role("button", name="Luk statusrunden").click()
    expect(page.get_by_text("Den gamle plan kan ikke arkiveres endnu")).to_have_count(0)
    page.goto("/plan/")
    page.get_by_role("link", name="Viderefør til ny budgetperiode").click()
    expect(page.get_by_text("Den gamle plan kan ikke arkiveres endnu")).to_have_count(0)
    page.get_by_role("button", name="Vis hvad der videreføres").click()
    expect(page.get_by_role("heading", name=re.compile("Forhåndsvisning"))).to_be_visible()
    axe.check(page)
    _shoot(page, "viderefoer")
    page.get_by_role("button", name="Viderefør nu").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Udmøntningsplan 2026-2029")
    page.get_by_role("link", name="Styrket virksomhedsrettet indsats").click()  # AU-D01
    expect(lineage(page).get_by_text("Videreført fra 2025-2028")).to_be_visible()
    axe.check(page)
    page.get_by_role("link", name=re.compile("AU-D01 i Udmøntningsplan 2025-2028")).click()
    expect(lineage(page).get_by_text("Videreført til 2026-2029 som AU-D01")).to_be_visible()
    expect(page.get_by_text("er arkiveret og kan kun læses")).to_be_visible()
    expect(page.get_by_role("link", name="Redigér")).to_have_count(0)
    axe.check(page)
    _shoot(page, "arkiveret")


def lineage(page):
    """The item's lineage line under its title (the timeline says it again, in date order)."""
    return page.get_by_role("list", name="Indsatsens forløb")
