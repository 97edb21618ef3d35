"""Numbered lines inside an item's text are not item headings.

Documents made for these tests, in two forms the meeting systems print: items headed "Punkt 2:"
with their case line, and items headed "2." with a status line. In each, an item's text holds a
numbered list or a numbered decision whose next number is the next item's, as real minutes do
("3. Ikke lovbestemt …" in a Sagsfremstilling, "2. Anbefales." in a decision).
"""

from reading.reader import read_bytes

LABELLED = """\
Referat

Teknik- og Miljøudvalget

Mødedato: Tirsdag den 3. marts 2026 kl. 15:00
Mødested: Rådhuset, mødelokale 2

Punkt 1: Serviceniveauer på vejområdet
Sagsnr.: 26-000101

Sagsfremstilling

Vejene er gennemgået.

Indstilling

Forvaltningen indstiller, at kategorierne godkendes.

Beslutning

1. Godkendt.

2. Kategori 3 drøftes igen i juni.

Punkt 2: Cykelstier med puljemidler 2026
Sagsnr.: 26-000102

Sagsfremstilling

Der er søgt puljemidler til to strækninger. Udgifterne er delt i tre kategorier:

1. Lovbestemt - Ingen reel indflydelse på udgiftsniveauet

Kategorien rummer poster, som udvalget ikke kan ændre.

2. Lovbestemt - Konkret vurdering af serviceniveau

Kategorien rummer poster med en vis indflydelse.

3. Ikke lovbestemt - Fri fastlæggelse af serviceniveau

Kategorien rummer poster, som udvalget selv fastsætter.

Lovgrundlag

Vejloven.

Beslutning

Godkendt.

Punkt 3: Lukket: Køb af areal ved Strandvejen
Sagsnr.: 26-000103

Beslutning

Godkendt.
"""

BARE = """\
Referat

Teknik- og Miljøudvalget

Mødedato: Tirsdag den 3. marts 2026 kl. 15:00

1. Budgetopfølgning for vejområdet
Åben sag
Sagsnr. 26/101

Sagsfremstilling

Forvaltningen har gennemgået budgettet.

Indstilling

Forvaltningen indstiller, at

1. budgetopfølgningen tages til efterretning,

2. mindreforbruget overføres.

Beslutning

1. Taget til efterretning.

2. Anbefales.

Beslutning i Økonomiudvalget den 10-03-2026

Anbefales.

2. Cykelstier med puljemidler 2026
Åben sag
Sagsnr. 26/102

Sagsfremstilling

Der er søgt puljemidler.

Beslutning

Godkendt.

3. Vintertjeneste 2026-2027
Åben sag
Sagsnr. 26/103

Beslutning

Godkendt.
"""


def _items(text: str, name: str) -> list[tuple]:
    reading = read_bytes(text.encode(), name)
    return [(i["number"], i["title"], i["case_number"], i["access"]) for i in reading["items"]]


def test_a_numbered_list_in_a_labelled_items_text_is_not_the_next_item():
    assert _items(LABELLED, "referat.txt") == [
        (1, "Serviceniveauer på vejområdet", "26-000101", "open"),
        (2, "Cykelstier med puljemidler 2026", "26-000102", "open"),
        (3, "Køb af areal ved Strandvejen", "26-000103", "closed"),
    ]


def test_the_list_stays_in_its_items_text():
    reading = read_bytes(LABELLED.encode(), "referat.txt")
    text = " ".join(s["text"] for s in reading["items"][1]["sections"])
    assert "3. Ikke lovbestemt - Fri fastlæggelse af serviceniveau" in text
    assert reading["items"][0]["decisions"][0]["text"].startswith("1. Godkendt.")


def test_a_numbered_decision_line_gives_way_to_the_item_with_its_status_line():
    assert _items(BARE, "referat.txt") == [
        (1, "Budgetopfølgning for vejområdet", "26/101", "open"),
        (2, "Cykelstier med puljemidler 2026", "26/102", "open"),
        (3, "Vintertjeneste 2026-2027", "26/103", "open"),
    ]
    reading = read_bytes(BARE.encode(), "referat.txt")
    assert [d["text"] for d in reading["items"][1]["decisions"]] == ["Godkendt."]


def test_the_same_documents_as_html_pages_read_the_same():
    for text in (LABELLED, BARE):
        paragraphs = "".join(f"<p>{part}</p>" for part in text.split("\\n\\n") if part.strip())
        html = f"<html><body>{paragraphs.replace(chr(10), '<br>')}</body></html>"
        assert [n for n, *_ in _items(html, "referat.html")] == [1, 2, 3]
