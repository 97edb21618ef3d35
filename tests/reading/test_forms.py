"""The forms of the big meeting systems' print, one at a time, as the issue lists them: item
headings, case number lines, closure marks, meeting headers, decision headings, section
headings and page furniture (reading/parse/forms.py, reading/parse/furniture.py)."""

import pytest

from reading.reader import read_text

HEADER = "Referat\n\nSocialudvalget\n\nMødedato: 3. marts 2026\n\n"
ITEM_BODY = "Sagsfremstilling\n\nTeksten.\n\nBeslutning\n\nGodkendt.\n"


def items(text: str) -> list[dict]:
    return read_text(text, "dokument.txt")["items"]


@pytest.mark.parametrize(
    "heading",
    ["Punkt 1: Godkendelse af dagsorden", "1. Godkendelse af dagsorden",
     "1 Godkendelse af dagsorden", "Pkt. 1 Godkendelse af dagsorden"],
)  # fmt: skip
def test_item_headings_in_the_systems_forms(heading):
    text = HEADER + f"{heading}\nSagsnr.: 24/1234\nÅben sag\n\n{ITEM_BODY}\n"
    text += heading.replace("1", "2").replace("Godkendelse af dagsorden", "Budget") + "\n"
    text += f"Åben sag\n\n{ITEM_BODY}"
    read = items(text)
    assert [(i["number"], i["title"]) for i in read] == [
        (1, "Godkendelse af dagsorden"), (2, "Budget"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    "title", ["Digital annoncering af afgørelser, høringer mv.", "Garantistillelse A.m.b.a."]
)
def test_a_title_ending_in_an_abbreviation_is_a_heading_not_a_broken_sentence(title):
    read = items(HEADER + f"1 Budget\nÅben sag\n\n{ITEM_BODY}\n2 {title}\nÅben sag\n\n{ITEM_BODY}")
    assert [i["title"] for i in read] == ["Budget", title]


@pytest.mark.parametrize(
    ("line", "case"),
    [("Sagsnr.: 24/1234", "24/1234"), ("EMN-2024-004711", "EMN-2024-004711"),
     ("Sag: 24-000963", "24-000963"), ("Journalnr.: 20-010677K", "20-010677K")],
)  # fmt: skip
def test_case_number_lines(line, case):
    read = items(HEADER + f"1. Budget\n{line}\nÅben sag\n\n{ITEM_BODY}")
    assert read[0]["case_number"] == case


@pytest.mark.parametrize(
    "printed",
    ["1. Lukket: Salg af grund", "1. (Lukket) Salg af grund", "1. Salg af grund (Lukket)",
     "1. Salg af grund\nLukket punkt", "1. Salg af grund\nLukket sag",
     "1. Salg af grund\n(Lukket)"],
)  # fmt: skip
def test_closure_marks_before_or_after_the_title(printed):
    read = items(HEADER + f"{printed}\n\nBeslutning\n\nGodkendt.\n")
    assert (read[0]["title"], read[0]["access"]) == ("Salg af grund", "closed")


def test_an_item_without_a_closure_mark_is_closed_until_a_person_says_otherwise():
    document = read_text(HEADER + f"1. Budget\nSagsnr.: 24/1234\n\n{ITEM_BODY}", "d.txt")
    item = document["items"][0]
    assert item["access"] == "closed"
    assert item["confidence"] < 1
    assert any("læst som lukket, indtil en person siger andet" in w for w in document["warnings"])


def test_a_document_that_marks_only_its_closed_items_reads_the_others_open():
    text = (
        HEADER
        + f"1. Budget\nSag: 24-000963\n\n{ITEM_BODY}\n2. Lukket: Salg af grund\n\nAnbefales.\n"
    )
    document = read_text(text, "d.txt")
    assert [(i["access"], i["confidence"]) for i in document["items"]] == [
        ("open", 0.8), ("closed", 1.0),
    ]  # fmt: skip
    # A closed item's unheaded text in minutes is its decision.
    assert document["items"][1]["decisions"][0]["text"] == "Anbefales."


@pytest.mark.parametrize(("footer", "access"), [("FirstAgenda", "open"), ("Side 1 af 1", "closed")])
def test_a_system_that_marks_only_closed_items_is_known_by_its_name_in_the_footer(footer, access):
    """FirstAgenda prints "Lukket:" on closed items and nothing on open ones; a meeting with
    no closed item says nothing about closure, except through the system's name."""
    page = HEADER + f"1. Budget\nSag: 24-000963\n\n{ITEM_BODY}\n\n{footer}\n"
    document = read_text("\f".join([page, "Bilag\n\n" + footer]), "d.txt")
    assert document["items"][0]["access"] == access
    if access == "open":
        assert any("udgivet med FirstAgenda" in w for w in document["warnings"])


@pytest.mark.parametrize(
    "header",
    [
        "Dagsorden\n\nUdvalg:\tSocialudvalget\nMødedato\tTirsdag d. 3. marts 2026 kl. 15:00\n"
        "Mødested\tByrådssalen\n",
        "Dagsorden\n\n| Udvalg: | Socialudvalget |\n| Mødedato | Tirsdag d. 3. marts 2026 kl. "
        "15:00 |\n| Mødested | Byrådssalen |\n",
        "Socialudvalget\n\nDagsorden\n\ntirsdag den 3. marts 2026, kl. 15:00\n\n"
        "Mødested: Byrådssalen\n",
        "Greve Kommune\n\nDagsorden\n\nSocialudvalget\n\nTirsdag d. 3. marts 2026 kl. 15:00\n"
        "\nMødested: Byrådssalen\n\fSocialudvalget - Dagsorden - 03.03.2026\n",
    ],
    ids=["table", "markdown-table", "line", "cover-page"],
)
def test_meeting_headers_as_table_line_or_cover_page(header):
    document = read_text(header + f"\n1. Budget\nÅben sag\n\n{ITEM_BODY}", "d.txt")
    assert document["body"] == "Socialudvalget"
    assert document["meeting"]["date"] == "2026-03-03"
    assert document["meeting"]["start"] == "15:00"
    assert document["meeting"]["place"] == "Byrådssalen"


@pytest.mark.parametrize(
    ("heading", "body", "date"),
    [("Beslutning", "Socialudvalget", "2026-03-03"),
     ("Beslutninger", "Socialudvalget", "2026-03-03"),
     ("Afgørelse", "Socialudvalget", "2026-03-03"),
     ("Beslutning i Udvalget for Teknik og Miljø den 07-05-2019", "Udvalget for Teknik og Miljø",
      "2019-05-07"),
     ("Økonomiudvalgets beslutning den 05.03.2019 Punkt 4", "Økonomiudvalget", "2019-03-05"),
     ("Byråd 2022-2025s beslutning den 19.06.2023", "Byråd", "2023-06-19")],
)  # fmt: skip
def test_decision_headings_with_the_text_and_the_absentees(heading, body, date):
    text = HEADER + f"1. Budget\nÅben sag\n\nSagsfremstilling\n\nTeksten.\n\n{heading}\n\n"
    text += "Anbefales.\n\nAfbud: Jens Jensen (A), Hanne Hansen (V)\n"
    decision = items(text)[0]["decisions"][0]
    assert decision == {
        "body": body, "date": date, "text": "Anbefales.",
        "absent": ["Jens Jensen (A)", "Hanne Hansen (V)"],
    }  # fmt: skip


def test_a_decision_text_that_begins_by_naming_the_decision_stays_one_decision():
    text = HEADER + "1. Budget\nÅben sag\n\nSagsfremstilling\n\nTeksten.\n\nBeslutning\n\n"
    text += "Socialudvalgets beslutning: Socialudvalget anbefaler forslaget.\n"
    decisions = items(text)[0]["decisions"]
    assert [(d["body"], d["date"], d["text"]) for d in decisions] == [
        ("Socialudvalget", "2026-03-03", "Socialudvalgets beslutning: Socialudvalget anbefaler "
         "forslaget."),
    ]  # fmt: skip


@pytest.mark.parametrize(
    "heading",
    ["Resumé", "Sagsfremstilling", "Beslutningstema", "Forvaltningens vurdering", "Økonomi",
     "Indstilling", "Forvaltningen indstiller", "Sagsprocedure"],
)  # fmt: skip
def test_section_headings_of_the_systems(heading):
    read = items(HEADER + f"1. Budget\nÅben sag\n\n{heading}\n\nTeksten.\n")
    assert read[0]["sections"] == [{"heading": heading, "text": "Teksten."}]


@pytest.mark.parametrize("footer", ["Side 3 af 12", "3 of 9", "3 af 9", "FirstAgenda",
                                    "Publiceret med Prepare"])  # fmt: skip
def test_page_furniture_is_removed_wherever_it_falls(footer):
    page = "Socialudvalget - Referat - 03.03.2026\n\n{}\n\n" + footer + "\n"
    first = "Referat\n\nSocialudvalget\n\nMødedato: 3. marts 2026\n\n1. Budget\nÅben sag\n\n"
    first += "Sagsfremstilling\n\nTeksten begynder her"
    text = "\f".join(
        [
            page.format(first),
            page.format("og fortsætter her.\n\nBeslutning\n\nGodkendt."),
            page.format("2. Andet\nÅben sag\n\nBeslutning\n\nTaget til efterretning."),
        ]
    )
    read = items(text)
    assert [i["number"] for i in read] == [1, 2]
    printed = str(read)
    assert footer not in printed and " - Referat - " not in printed
    assert read[0]["decisions"][0]["text"] == "Godkendt."


def test_a_meeting_document_without_items_says_so_instead_of_one_item_with_everything():
    document = read_text(
        "Referat\n\nSocialudvalget\n\nMødedato: 3. marts 2026\n\nMødet blev aflyst, og "
        "dagsordenen blev behandlet i stedet ved skriftlig procedure.\n",
        "aflyst.txt",
    )
    assert document["items"] == []
    assert "Kursen fandt ingen punkter i dokumentet." in document["warnings"]
    assert document["body"] == "Socialudvalget"
