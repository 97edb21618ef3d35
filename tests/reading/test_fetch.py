"""`kursen import-documents https://…`: a FirstAgenda publication service's meetings are
fetched and stored by the same review-and-store flow as files. The service here is the
corpus served from a local http.server on 127.0.0.1 (the suite never leaves the machine)."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import CommandError, call_command

from meetings.models import AgendaItem, Meeting
from tests.reading.support.shared import record

pytestmark = pytest.mark.django_db

NAMES = ["oekonomiudvalget-2025-06-25", "social-og-handicapudvalget-2025-09-08"]


@pytest.fixture
def service():
    """The publication service: /api/agenda/udvalgsliste and /api/agenda/dagsorden/{id}."""
    records = {}
    bodies: dict[str, list] = {}
    for name in NAMES:
        data = record(name).read_bytes()
        parsed = json.loads(data)
        records[parsed["Id"]] = data
        bodies.setdefault(parsed["Udvalg"]["Navn"], []).append(
            {"Id": parsed["Id"], "Dato": parsed["Moede"]["Dato"][:10]}
        )
    listing = {"Udvalg": {"Aktuelle politiske udvalg": [
        {"Navn": body, "Id": str(n), "Moeder": meetings}
        for n, (body, meetings) in enumerate(bodies.items())
    ]}}  # fmt: skip
    asked: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            asked.append(self.path)
            if self.path == "/api/agenda/udvalgsliste":
                body = json.dumps(listing, ensure_ascii=False).encode()
            elif self.path.startswith("/api/agenda/dagsorden/"):
                body = records.get(self.path.rsplit("/", 1)[1], b"")
            else:
                body = b""
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", asked, records
    server.shutdown()
    server.server_close()


def test_the_services_meetings_are_imported_with_closed_items_closed(service, capsys):
    address, asked, _records = service
    call_command("import_documents", address)

    assert asked[0] == "/api/agenda/udvalgsliste"
    assert len(asked) == 3
    sale = AgendaItem.objects.get(title="Salg af Hundige Bygade - Valg af køber")
    assert sale.closed
    assert sale.meeting.body.name == "Økonomiudvalget"
    assert str(sale.meeting.date) == "2025-06-25"
    assert "anbefaler overfor Byrådet" in sale.decision
    visit = AgendaItem.objects.get(title="Besøg på Bostedet Vangeleddet og Grønlykkeparken")
    assert not visit.closed
    assert visit.decision == "Orienteringen blev taget til efterretning."
    assert Meeting.objects.filter(date="2025-09-08").count() == 1
    out = capsys.readouterr().out
    assert "2 filer: 2 med ændringer" in out


def test_since_fetches_only_the_later_meetings(service):
    address, asked, _records = service
    call_command("import_documents", f"{address}/api/agenda/udvalgsliste", siden="2025-07-01")

    assert len(asked) == 2
    assert list(Meeting.objects.values_list("body__name", flat=True).distinct()) == [
        "Social- og Handicapudvalget"
    ]


def test_an_address_that_does_not_answer_says_so_in_danish():
    with pytest.raises(CommandError) as error:
        call_command("import_documents", "http://127.0.0.1:9/")
    assert "kunne ikke hentes" in str(error.value)


def test_a_meeting_the_service_cannot_give_is_reported_and_the_others_are_stored(service, capsys):
    address, _asked, records = service
    records.pop(next(iter(records)))  # the first listed meeting now answers 404

    with pytest.raises(CommandError) as error:
        call_command("import_documents", address)

    assert "1 filer kunne ikke indlæses" in str(error.value)
    assert "kunne ikke hentes" in capsys.readouterr().out
    assert list(Meeting.objects.values_list("body__name", flat=True).distinct()) == [
        "Social- og Handicapudvalget"
    ]
