"""'Sendte mails' in a real browser, at 1280 and 390 px: the administrator finds it in the
menu beside Stamdata, filters by state, sends a failed mail again, and axe-core finds nothing
serious on the way."""

import os

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from notify.models import Delivery, Mail
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser]


def _mails() -> None:
    agenda = Mail.objects.create(
        kind="meetings.agenda_sent",
        template="meetings/mail/agenda_sent",
        subject="Dagsorden udsendt: Økonomiudvalget 2. december 2025",
    )
    Delivery.objects.create(
        mail=agenda, address="mette.medlem@norddjurs.example", name="Mette Medlem",
        state=Delivery.State.SENT, attempts=1, sent_at=timezone.now(),
    )  # fmt: skip
    Delivery.objects.create(
        mail=agenda, address="en-meget-lang-adresse-til-et-udvalgsmedlem@norddjurs.example",
        state=Delivery.State.FAILED, attempts=1,
        error="Mailserveren afviste modtageren (550 5.1.1 <en-meget-lang-adresse-til-et-"
        "udvalgsmedlem@norddjurs.example>: Recipient address rejected: User unknown).",
    )  # fmt: skip
    reminder = Mail.objects.create(
        kind="followup.reminder", template="followup/mail/reminder",
        subject="Påmindelse: Status juni 2026 venter på dit svar",
    )  # fmt: skip
    Delivery.objects.create(
        mail=reminder, address="redaktor@norddjurs.example", state=Delivery.State.PENDING,
        attempts=2, error="Mailserveren kunne ikke nås: forbindelsen blev afvist.",
        next_attempt_at=timezone.now() + timezone.timedelta(minutes=2),
    )  # fmt: skip


def _shot(page, width: int, name: str) -> None:
    if os.environ.get("KURSEN_SCREENSHOTS"):  # for a person to look at
        page.screenshot(
            path=f"{os.environ['KURSEN_SCREENSHOTS']}/{width}-{name}.png", full_page=True
        )


@pytest.mark.parametrize("width", [1280, 390])
def test_the_administrator_finds_a_failed_mail_and_sends_it_again(
    new_context, demo, csp_violations, axe, width
):
    _mails()
    page = new_context(locale="da-DK", viewport={"width": width, "height": 900}).new_page()
    log_in(page, "admin", "kursen-admin")
    if width < 600:
        page.get_by_role("button", name="Menu").click()
    page.get_by_role("link", name="Sendte mails").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sendte mails")
    expect(page.get_by_text("Dagsorden udsendt: Økonomiudvalget 2. december 2025")).to_have_count(2)
    expect(page.get_by_text("Næste forsøg")).to_be_visible()
    _shot(page, width, "sendte-mails")
    axe.check(page)

    page.get_by_label("Tilstand").select_option(label="Fejlet")
    page.get_by_role("button", name="Filtrér").click()
    expect(page.get_by_text("1 mail efter filteret.")).to_be_visible()
    axe.check(page)
    page.get_by_role("button", name="Send igen til en-meget-lang-adresse").click()
    expect(page.locator(".message--success")).to_contain_text("sendes igen.")
    expect(page.get_by_text("Ingen mails passer til filteret.")).to_be_visible()  # none failed
    axe.check(page)
    page.get_by_role("link", name="Nulstil filtre").click()
    expect(page.get_by_text("Sendt igen", exact=False).first).to_be_visible()
    _shot(page, width, "sendte-mails-sendt-igen")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    axe.check(page)
    failed = Delivery.objects.get(address__startswith="en-meget-lang")
    assert failed.state == Delivery.State.PENDING and failed.resent_by.username == "admin"
    assert not csp_violations
