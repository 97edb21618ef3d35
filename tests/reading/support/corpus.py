"""A generated corpus of Danish agendas, minutes and case extracts, with the truth for each.

The reader (``reading.reader``) is built against four real documents (shared/seeds); this
module makes many more in their style, from word lists and templates and a seeded
``random.Random``, so the reader can be tested and timed on thousands of documents whose right
reading is known. Every document is made from a structure shaped like
shared/schemas/parsed-document.schema.json (``GeneratedDocument.expected``) and printed as the
seeds print it, noise included:

- ``sag``: a single case extract as seed 000 (one line per paragraph, "- " bullets, the
  attachments as a markdown table);
- ``sag-pdf``: the same case as text pulled out of a PDF, as seeds 002 and 003: lines broken
  mid-sentence with a trailing space and a blank line after each, " " lines between
  paragraphs, symbol-font bullets (U+F0B7), the page header ("Hovedudvalget 02-03-2023")
  repeated inside the text, several decisions with absentees and "Afbud:" lists, and
  "DocPart214767" debris at the end; a share of the decision headings and attachment lines
  wrapped onto a second line as a narrow PDF column wraps them ("Beslutning i
  Kommunalbestyrelsen den" / "13-12-2022", "1 - 3389825 Åben Udmøntningsplan 2023-2026 til ØK
  og KB i" / "december (151433/22) (H)");
- ``agenda``: a whole agenda or set of minutes as seed 004: front page (place, date in one of
  several Danish forms, start and end, members, absentees), table of contents, items with
  "Åben sag"/"Lukket sag", routing, sections, HTML inside table cells, attachments in the
  forms the seeds use, the attachment overview and the signature page;
- ``agenda-pdf``: a committee's minutes with PDF line breaks and page headers (and wrapped
  decision headings and attachment lines, as ``sag-pdf``);
- ``agenda-html``: a whole agenda or set of minutes as an HTML page.

Case numbers come in several municipalities' forms ("22/291", "18/15427", "330-2018-3619",
"02.34.02-P19-12-20"), some after a subject code ("S00", "00.01.00.P35"); dates as
"den 06-12-2022", "Onsdag den 22. november 2023" or "d. 5/12 2023"; times as 9:00 or 9.00.

Where the seeds leave a choice open, the truth follows the golden readings written for them
(tests/reading/golden): a case extract's body and meeting are its page header's, else its
latest decision's; a document starting on its case line has no title; a closed item is its
number, title and case line only, with no routing; decision absentees are those who "deltog
ikke" and then the "Afbud:" list, in print order. Case numbers are only ever printed after
the title, as in the seeds.

    python -m tests.reading.support.corpus OUTDIR --count 10000 --seed 1

Each document has its own ``random.Random`` seeded from (seed, index), so the first n
documents of a larger corpus are the n documents of a smaller one.
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

STYLES = ("sag", "sag-pdf", "agenda", "agenda-pdf", "agenda-html")
STYLE_WEIGHTS = (25, 30, 20, 10, 15)

BULLET_GLYPH = "\uf0b7"
# The share of decision headings and attachment lines a PDF-text style wraps onto two lines.
WRAP_SHARE = 0.25
# Text before an item's first heading, as the golden reading of seed 004 names it.
INTRODUCTION = "Indledning"

MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
          "september", "oktober", "november", "december"]  # fmt: skip
WEEKDAYS = ["Mandag", "Tirsdag", "Onsdag", "Torsdag", "Fredag", "Lørdag", "Søndag"]

# (name, abbreviation, document-type words used for its minutes)
BODIES = [
    ("Kommunalbestyrelsen", "KB"),
    ("Økonomiudvalget", "ØK"),
    ("Børne- og Ungdomsudvalget", "BUU"),
    ("Arbejdsmarkedsudvalget", "AU"),
    ("Miljø- og Teknikudvalget", "MTU"),
    ("Kultur- og Fritidsudvalget", "KFU"),
    ("Voksen- og Plejeudvalget", "VPU"),
    ("Erhvervsudvalget", "EU"),
    ("Direktionen", "DIR"),
    ("Hovedudvalget", "HU"),
]
NAME = dict((abbreviation, name) for name, abbreviation in BODIES)
COMMITTEES = ["BUU", "AU", "MTU", "KFU", "VPU", "EU"]

FIRST_NAMES = [
    "Anne", "Mette", "Lars", "Jens", "Søren", "Hanne", "Kirsten", "Peter", "Michael", "Lone",
    "Jan", "Helle", "Bent", "Karen", "Thomas", "Rasmus", "Camilla", "Louise", "Mads", "Ida",
    "Sebastian", "Allan", "Anette", "Kim", "Lene", "Jonas", "Bettina", "Ulla", "Per", "Niels",
    "Birgitte", "Jørgen", "Kasper", "Signe", "Morten", "Pia", "Henrik", "Dorthe", "Ole", "Trine",
]  # fmt: skip
MIDDLE_NAMES = ["Ruby", "Gjersbøl", "Mehlsen", "Bruun", "Holm", "Juul", "Krogh", "Damgaard",
                "Skov", "Lund", "Bech", "Munk"]  # fmt: skip
LAST_NAMES = [
    "Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen",
    "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen",
    "Poulsen", "Meilvang", "Grauert", "Liebe", "Bertelsen", "Kroustrup", "Bentzen",
    "Østergaard", "Lauridsen", "Mikkelsen", "Frandsen", "Vestergaard", "Dahl",
]  # fmt: skip
PARTIES = ["A", "V", "C", "F", "I", "O", "Ø", "B", "K", "D", "M", "Å"]
DIRECTORS = ["Kommunaldirektør", "Velfærdsdirektør", "Fællesforvaltningsdirektør",
             "Teknik- og miljødirektør"]  # fmt: skip
STAFF = ["Økonomichef", "HR-chef", "Skolechef", "Jobcenterchef", "Sundheds- og omsorgschef",
         "Kultur- og fritidschef", "Planchef", "Jurist", "Konsulent"]  # fmt: skip
PLACES = [
    "Mødelokale 250, rådhuset", "Byrådssalen, rådhuset", "Mødelokale 1, Torvet 3",
    "Kantinen, Grenaa Rådhus", "Mødelokale 3, Jobcentret", "Auning Skole, personalerummet",
    "Mødelokale 12, rådhuset", "Kulturhuset Pavillonen",
]  # fmt: skip
TOWNS = ["Grenaa", "Auning", "Ørsted", "Allingåbro", "Glesborg", "Trustrup", "Ryomgård",
         "Vivild", "Anholt", "Bønnerup"]  # fmt: skip

# Title templates per area; {y} is a year, {t} a town, {m} a month name.
TITLES = {
    "ØK": [
        "Budgetopfølgning pr. 31. {m} {y}",
        "Udmøntningsplan {y}-{y3}",
        "Strategisk udmøntningsplan {y}-{y3}",
        "Takster for {y}",
        "Kasseopgørelse {y}",
        "Låneoptagelse for {y}",
        "Effektiviseringsbidrag {y}, fordeling på udvalg",
        "Budgetoverholdelse på tværs af udvalgene",
        "Anlægsbevilling til nyt rådhusanneks",
        "Kompetencefordelingsplan, revision",
        "Budgetlægning {y1}-{y4}, tidsplan",
        "Råderumskatalog til budget {y1}",
        "Salg af grund i {t}",
    ],
    "BUU": [
        "Kvalitetsrapport for folkeskolen {y}",
        "Skolestruktur i {t}",
        "Rekruttering af pædagoger i dagtilbud",
        "Takster for dagtilbud og SFO {y}",
        "Inklusion i folkeskolen, status",
        "Udvidelse af børnehuset i {t}",
        "Elevfravær i skoleåret {y}",
        "Sprogscreening af børn i dagtilbud",
    ],
    "AU": [
        "Beskæftigelsesplan {y}",
        "Ledighed og aktivering, status for {m}",
        "Rekruttering og fastholdelse på velfærdsområderne",
        "Integration af flygtninge {y}",
        "Udmøntningsplan {y}-{y3} for Arbejdsmarkedsudvalgets område",
        "Jobcentrets samarbejde med virksomheder i {t}",
        "Unge uden uddannelse eller job",
    ],
    "MTU": [
        "Klimahandlingsplan, status for {y}",
        "Spildevandsplan {y}-{y3}",
        "Vejvedligeholdelse i {t}",
        "Kollektiv trafik, køreplan {y}",
        "Biodiversitet og naturpleje på kommunens arealer",
        "Lokalplan for boligområde i {t}",
        "Klimatilpasning langs kysten ved {t}",
        "Affaldsplan {y}-{y3}",
    ],
    "KFU": [
        "Idrætsfaciliteter i {t}, renovering",
        "Biblioteksbetjening i {t}",
        "Kulturpolitik {y}-{y3}",
        "Fordeling af fritidspuljen {y}",
        "Tilskud til foreningernes lokaler",
        "Kulturhuset i {t}, driftsaftale",
    ],
    "VPU": [
        "Ældrepleje, kvalitetsstandarder {y}",
        "Plejeboliger i {t}, behov frem mod {y4}",
        "Hjemmeplejens rekruttering",
        "Demensindsatsen, status",
        "Rehabilitering i hjemmet",
        "Sygefravær i ældreplejen",
        "Madservice til hjemmeboende ældre",
    ],
    "EU": [
        "Erhvervsfremme {y}",
        "Turismestrategi for {t} og omegn",
        "Grenaa Havn, udviklingsplan",
        "Bosætning og tilflytning {y}",
        "Erhvervsområde ved {t}, byggemodning",
    ],
    "HU": [
        "Trivselsmåling {y}",
        "Sygefravær i organisationen, status",
        "MED-aftale, revision",
        "Arbejdsmiljø på velfærdsområderne",
        "Udmøntningsplan {y}-{y3}",
    ],
}
DIR_ITEMS = [
    "Beslutningsprotokoller og dagsordener", "Økonomi", "Punkter til behandling",
    "Eventuelt, herunder punkter til næste møde",
]  # fmt: skip
CLOSED_TITLES = [
    "Personalesag", "Salg af ejendom", "Udbud af rengøring", "Klagesag", "Erstatningssag",
    "Køb af jord ved {t}", "Licitation, skolebyggeri i {t}",
]  # fmt: skip
ATTACHMENT_TITLES = [
    "Notat om {s}", "{S}", "{S} til ØK og KB i december", "Tidsplan for {s}",
    "Høringssvar fra skolebestyrelserne", "Bilag til {s}", "Økonomisk oversigt {y}",
    "Notat Tidsplan for budgetopfølgning {y}", "Arbejdsnotat om {s}", "Præsentation af {s}",
    "Oversigt over indsatser {y}", "Kortbilag {t}",
]  # fmt: skip

OPENINGS = [
    "Der er udarbejdet {s} for budget {y}-{y3}.",
    "I forlængelse af vedtagelsen af budget {y}-{y3} fremlægges {s} til {purpose}.",
    "{Body} besluttede på mødet den {date} at bede forvaltningen om en sag om {s}.",
    "Sagen fremlægges til {purpose}, da {s} vedrører flere af kommunens fagområder.",
    "Forvaltningen har i samarbejde med {Body} udarbejdet et oplæg om {s}.",
]  # fmt: skip
SENTENCES = [
    "Budgetaftalen indeholder i år relativt mange opgaver, som varierer i tyngde og "
    "involvering af medarbejdere og politisk niveau.",
    "Det vil kræve fokus at få organiseret processerne, så de fuldføres i {y}.",
    "De punkter, der allerede er implementeret, er markeret med X for afsluttet.",
    "Planen er et dynamisk dokument og bliver løbende udviklet og opdateret.",
    "De anførte tidspunkter i planen er vejledende, og kan blive justeret.",
    "Der vil ske løbende kommunikation og formidling i hele organisationen.",
    "Kompetencefordelingsplanen fastlægger kompetencefordelingen mellem de politiske udvalg "
    "og forvaltningen.",
    "Forvaltningen vurderer, at indsatsen kan gennemføres inden for den afsatte ramme på "
    "{amount} mio. kr.",
    "Der er i {y} afsat {amount} mio. kr. til formålet, heraf {small} mio. kr. til afledt "
    "drift.",
    "Erfaringerne fra {t} viser, at borgerne i høj grad ønsker at blive inddraget tidligt.",
    "Området er præget af udfordringer med rekruttering og fastholdelse af medarbejdere.",
    "Antallet af borgere over 80 år forventes at stige med {pct} procent frem mod {y4}.",
    "Klima, natur og den grønne omstilling indgår som en del af vurderingen.",
    "Der er gennemført en høring, og høringssvarene er vedlagt som bilag.",
    "Sagen har været drøftet i MED-organisationen, og Hovedudvalget er orienteret.",
    "Forvaltningen anbefaler, at indsatsen evalueres efter et år.",
    "Skolebestyrelserne og forældrebestyrelserne har haft lejlighed til at udtale sig.",
    "I {t} er der behov for en særlig indsats over for børn og unge.",
    "Det forventede merforbrug skyldes primært flere borgere i målgruppen.",
    "Ældreplejen har i perioden haft et sygefravær på {pct} procent.",
    "Forslaget understøtter kommunens plan- og udviklingsstrategi og FN's verdensmål.",
    "Samarbejdet med erhvervslivet i {t} er styrket gennem de seneste år.",
    "Der arbejdes på tværs af forvaltningerne med at sikre sammenhæng i indsatserne.",
    "Formålet er at skabe bedre rammer for borgere og ansatte og reducere omkostningerne.",
    "Direktionen har drøftet sagen og anbefaler, at den fremsendes til politisk behandling.",
]  # fmt: skip
BULLETS = [
    "Økonomi i det strategiske og kort- og langsigtede perspektiv herunder eftersyn af "
    "budgetterne og budget i balance",
    "Rekruttering og fastholdelse samt HR, udfordringer på velfærdsområderne, "
    "ledelsesudvikling, trivsel og gode arbejdsfællesskaber",
    "Klima – Det grønne, Næse for vand, biodiversitet, DK 2020 & Klimahandlingsplan",
    "Samarbejder - Det blå, Anholt, Grenaa Havn og Partnerskabet med Halmstad",
    "Samskabelse, borgerinvolvering og velfærdsservice, borgerens møde med kommunen",
    "Sociale investeringer, Fremtidens velfærd, Skoler og dagtilbud",
    "Vækst, erhverv og beskæftigelse",
    "Arbejdet med kloge m2, som skaber de bedste rammer for borgere og ansatte",
    "Flådestyring af kommunens køretøjer for at reducere CO2 og optimere driften",
    "Effektivisering af arbejdsgange i administrationen, fx omkring aktindsigt",
    "Ældreplejens kvalitetsstandarder og den nye model for hjemmehjælp",
    "Skolernes arbejde med trivsel, fravær og inklusion",
]  # fmt: skip
POLICY = [
    "Udmøntningen af budgettet tager strategisk udgangspunkt i den politisk vedtagne plan- og "
    "udviklingsstrategi, herunder styrkepositionerne det blå og det grønne.",
    "Sagen har sammenhæng til kommunens {policy} og til værdierne Vores Norddjurs: Tillid, "
    "ordentlighed, udvikling og fællesskab.",
    "Indsatsen understøtter {policy}, som blev vedtaget af Kommunalbestyrelsen i {y1_}.",
]  # fmt: skip
POLICIES = ["børne- og ungepolitik", "klimahandlingsplan", "erhvervspolitik", "kulturpolitik",
            "ældrepolitik", "beskæftigelsesplan", "sundhedspolitik"]  # fmt: skip
FINANCES = [
    "Ingen.", "Ingen økonomiske konsekvenser.",
    "Udgiften på {amount} mio. kr. afholdes inden for udvalgets ramme.",
    "Sagen medfører en merudgift på {amount} mio. kr. i {y}, som foreslås finansieret af "
    "kassebeholdningen.",
    "De økonomiske konsekvenser beskrives i dagsordenspunkterne til møderne i de stående "
    "udvalg m.v.",
]  # fmt: skip
LAWS = [
    "Lov om kommunernes styrelse, § 18.", "Dagtilbudsloven § 4.", "Folkeskoleloven § 40.",
    "Lov om aktiv beskæftigelsesindsats.", "Serviceloven § 83.", "Planloven § 13.",
    "Der er ikke lovkrav om at udarbejde en udmøntningsplan, men planen støtter op om "
    "Budgetloven.",
]  # fmt: skip
RECOMMENDERS = ["Kommunaldirektøren", "Fællesforvaltningsdirektøren", "Velfærdsdirektøren",
                "Teknik- og miljødirektøren", "Formanden", "Forvaltningen"]  # fmt: skip
RECOMMENDATIONS = [
    "{who} indstiller, at {s} godkendes.",
    "{who} indstiller, at {s} drøftes og godkendes.",
    "{who} indstiller, at orienteringen om {s} tages til efterretning.",
    "{who} indstiller, at {Body} anbefaler Kommunalbestyrelsen at godkende {s}.",
    "Det indstilles, at punktet drøftes.",
]  # fmt: skip
DECISIONS = [
    "Tiltrådt.", "Godkendt.", "Anbefales godkendt.", "Taget til efterretning.", "Drøftet.",
    "Indstillingen blev godkendt.", "Udsat.", "Sagen genoptages på næste møde.",
    "Godkendt med den ændring, at tidsplanen forlænges til {m} {y1}.",
    "Anbefales godkendt. {person} kunne ikke anbefale indstillingen.",
    "{Body} havde en dialog om {s}. Der er både strategisk og lokal opmærksomhed på at "
    "fastholde trivsel og gode arbejdsfællesskaber i organisationen.",
]  # fmt: skip


@dataclass
class GeneratedDocument:
    """One generated file: its name and bytes, and the reading it should give."""

    filename: str
    data: bytes
    expected: dict
    style: str = ""


@dataclass
class _Item:
    """What is printed for one item; ``expected`` is its schema-shaped truth."""

    number: int | None
    title: str
    case_number: str | None
    subject_code: str | None
    closed: bool
    routing: list[str]
    sections: list[tuple[str, list[object]]]  # heading, blocks (str paragraph or list bullets)
    decisions: list[dict]
    attachments: list[dict]
    recommendation_after: list[tuple[int, str]] = field(default_factory=list)
    # Printed without an access line: the reader reads it closed until a person says otherwise.
    unmarked: bool = False

    def expected(self) -> dict:
        return {
            "number": self.number,
            "title": self.title,
            "case_number": self.case_number,
            "subject_code": self.subject_code,
            "access": "closed" if self.closed or self.unmarked else "open",
            "routing": list(self.routing),
            "sections": [
                {"heading": heading, "text": "\n\n".join(_block_text(b) for b in blocks)}
                for heading, blocks in self.sections
            ],
            "decisions": [
                {key: d[key] for key in ("body", "date", "text", "absent")} for d in self.decisions
            ],
            "attachments": [
                {key: a[key] for key in ("number", "title", "access", "document_number")}
                for a in self.attachments
            ],
        }


def _block_text(block: object) -> str:
    if isinstance(block, list):
        return "\n".join(f"- {line}" for line in block)
    return str(block)


# --- Public API ---------------------------------------------------------------------------


def generate(count: int, seed: int = 1) -> Iterator[GeneratedDocument]:
    """count documents, the same ones for the same seed."""
    for index in range(count):
        yield generate_one(index, seed)


def generate_one(index: int, seed: int = 1) -> GeneratedDocument:
    """The document at index of the corpus for seed."""
    rng = random.Random(f"kursen-corpus-{seed}-{index}")
    style = rng.choices(STYLES, STYLE_WEIGHTS)[0]
    return _Generator(rng, index, style).document()


# --- Generation ---------------------------------------------------------------------------


class _Generator:
    def __init__(self, rng: random.Random, index: int, style: str):
        self.rng = rng
        self.index = index
        self.style = style
        self.broken = style in ("sag-pdf", "agenda-pdf")
        # Years already past: minutes record meetings that were held, and a decision on a
        # meeting that is still to come is refused (by design) as it would be on import.
        self.year = rng.randint(2018, 2025)
        self.date = datetime.date(self.year, 1, 1) + datetime.timedelta(days=rng.randint(5, 350))

    # -- Small pieces --

    def person(self, party: bool = True) -> str:
        rng = self.rng
        parts = [rng.choice(FIRST_NAMES)]
        if rng.random() < 0.3:
            parts.append(rng.choice(MIDDLE_NAMES))
        parts.append(rng.choice(LAST_NAMES))
        name = " ".join(parts)
        return f"{name} ({rng.choice(PARTIES)})" if party else name

    def people(self, count: int, party: bool = True) -> list[str]:
        found: list[str] = []
        while len(found) < count:
            name = self.person(party)
            if all(name.split(" (")[0] != other.split(" (")[0] for other in found):
                found.append(name)
        return found

    def fill(self, template: str, subject: str, body: str) -> str:
        """template with its slots filled; only the slots it names are drawn."""
        if "{" not in template:
            return template
        return template.format_map(_Slots(self, subject or "planen", body))

    def case_number(self) -> tuple[str | None, str | None]:
        """(case number, subject code) in one of several municipalities' forms."""
        rng = self.rng
        yy = self.year % 100
        form = rng.choices(["short", "long", "dash", "kle"], [55, 20, 12, 13])[0]
        if form == "short":
            number = f"{yy:02d}/{rng.randint(100, 999)}"
        elif form == "long":
            number = f"{yy:02d}/{rng.randint(1000, 29999)}"
        elif form == "dash":
            number = f"{rng.randint(100, 799)}-{self.year}-{rng.randint(100, 99999)}"
        else:
            number = (
                f"{rng.randint(0, 88):02d}.{rng.randint(0, 40):02d}.{rng.randint(0, 20):02d}"
                f"-{rng.choice('PAGKS')}{rng.randint(10, 35)}-{rng.randint(1, 30)}-{yy:02d}"
            )
        code = None
        if form != "kle" and rng.random() < 0.25:
            if rng.random() < 0.5:
                code = f"S{rng.randint(0, 99):02d}"
            else:
                code = (
                    f"{rng.randint(0, 88):02d}.{rng.randint(0, 40):02d}."
                    f"{rng.randint(0, 20):02d}.{rng.choice('PAGK')}{rng.randint(10, 35)}"
                )
        return number, code

    def title(self, area: str) -> str:
        template = self.rng.choice(TITLES.get(area, TITLES["ØK"]))
        return self.fill(template, "", area)

    def routing(self, area: str, body: str) -> list[str]:
        rng = self.rng
        if body == "DIR":
            return ["DIR"]
        if body == "HU":
            return rng.choice([["ØK", "KB", "HU"], ["HU"], ["DIR", "HU"]])
        if area in COMMITTEES:
            return rng.choice([[area], [area, "ØK", "KB"], [area, "ØK", "KB"], [area, "KB"]])
        return rng.choice([["ØK", "KB"], ["ØK", "KB"], ["ØK"], ["DIR", "ØK", "KB"]])

    def sections(self, subject: str, area: str, *, size: float = 1.0) -> list:
        rng = self.rng
        paragraphs: list[object] = [self.fill(rng.choice(OPENINGS), subject, area)]
        for _ in range(max(1, round(rng.randint(3, 7) * size))):
            count = rng.randint(2, 5)
            paragraphs.append(
                " ".join(self.fill(s, subject, area) for s in rng.sample(SENTENCES, count))
            )
            if rng.random() < 0.2:
                bullets = rng.sample(BULLETS, rng.randint(2, 5))
                paragraphs.append(bullets)
        sections: list[tuple[str, list[object]]] = [("Sagsfremstilling", paragraphs)]
        if rng.random() < 0.5:
            sections.append(
                (
                    "Sammenhæng til andre politikker/strategier og fagområder",
                    [self.fill(rng.choice(POLICY), subject, area)],
                )
            )
        sections.append(
            ("Økonomiske konsekvenser", [self.fill(rng.choice(FINANCES), subject, area)])
        )
        if rng.random() < 0.4:
            sections.append(("Lovgrundlag", [rng.choice(LAWS)]))
        sections.append(("Indstilling", [self.fill(rng.choice(RECOMMENDATIONS), subject, area)]))
        return sections

    def decision(self, body: str, date: datetime.date, subject: str, *, absent: bool) -> dict:
        rng = self.rng
        text = self.fill(rng.choice(DECISIONS), subject, body)
        not_taking_part: list[str] = []
        apologies: list[str] = []
        if absent and rng.random() < 0.45:
            not_taking_part = self.people(rng.randint(1, 2))
        if absent and rng.random() < 0.3:
            if body == "HU":
                # seed 002: staff with their position, the chair marked, spaces doubled
                apologies = [f"{name} ({rng.choice(STAFF)})" for name in
                             self.people(rng.randint(1, 2), party=False)]  # fmt: skip
                if rng.random() < 0.5:
                    apologies[0] += " (Formand)"
            else:
                apologies = self.people(rng.randint(1, 3))
        return {
            "body": NAME[body],
            "date": date.isoformat(),
            "text": text,
            "absent": not_taking_part + apologies,
            "not_taking_part": not_taking_part,
            "apologies": apologies,
            "date_printed": self.decision_date(date),
        }

    def decision_date(self, date: datetime.date) -> str:
        """The date as a decision heading prints it, with its "den" or "d."."""
        form = self.rng.random()
        if form < 0.8:
            return f"den {_date_dmy(date)}"  # the seeds' form
        if form < 0.9:
            return _date_long(date, weekday=False)
        return _date_short(date)

    def attachments(self, subject: str, area: str, *, allow_closed: bool = True) -> list[dict]:
        rng = self.rng
        found = []
        yy = self.year % 100
        for number in range(1, rng.choice([0, 1, 1, 2, 2, 3, 4]) + 1):
            closed = allow_closed and rng.random() < 0.12
            title = self.fill(rng.choice(ATTACHMENT_TITLES), subject, area)
            found.append(
                {
                    "number": number,
                    "title": title,
                    "access": "closed" if closed else "open",
                    "document_number": f"{rng.randint(1000, 199999)}/{yy:02d}",
                    "id": str(rng.randint(2_000_000, 3_999_999)),
                    "marker": rng.random() < 0.9,
                }
            )
        return found

    def item(self, number: int | None, area: str, body: str, meeting_date: datetime.date,
             *, minutes: bool, size: float = 1.0) -> _Item:  # fmt: skip
        rng = self.rng
        closed = number is not None and body != "DIR" and rng.random() < 0.08
        if closed:
            title = self.fill(rng.choice(CLOSED_TITLES), "", area)
        else:
            title = self.title(area)
        subject = title[:1].lower() + title[1:]
        case_number, code = (None, None)
        if rng.random() < (0.85 if body != "DIR" else 0.2):
            case_number, code = self.case_number()
        routing = self.routing(area, body)
        if closed:
            # A closed item is printed as its number, title and case line only.
            return _Item(number, title, case_number, code, True, [], [], [], [])
        sections = self.sections(subject, area, size=size)
        decisions = []
        # Earlier bodies on the route have decided before this meeting.
        position = routing.index(body) if body in routing else len(routing)
        earlier = meeting_date
        for before in reversed(routing[:position]):
            earlier = earlier - datetime.timedelta(days=rng.randint(5, 20))
            decisions.insert(0, self.decision(before, earlier, subject, absent=True))
        if minutes:
            decisions.append(self.decision(body, meeting_date, subject, absent=body != "DIR"))
        attachments = self.attachments(subject, area)
        return _Item(number, title, case_number, code, False, routing, sections, decisions,
                     attachments)  # fmt: skip

    # -- Documents --

    def document(self) -> GeneratedDocument:
        if self.style.startswith("sag"):
            expected, text = self.case_extract()
            extension = "txt"
        elif self.style == "agenda-html":
            expected, text = self.agenda(html=True)
            extension = "html"
        else:
            expected, text = self.agenda(html=False)
            extension = "txt"
        filename = f"{self.index:05d}-{self.style}.{extension}"
        expected["source"] = filename
        return GeneratedDocument(filename, text.encode("utf-8"), expected, self.style)

    def case_extract(self) -> tuple[dict, str]:
        """One case, as seed 000 (clean) or 002/003 (PDF text, page headers, debris)."""
        rng = self.rng
        area = rng.choice([*COMMITTEES, "ØK", "ØK", "HU"])
        body = rng.choice([area, "ØK", "KB"]) if area != "HU" else "HU"
        routing = self.routing(area, body)
        if body not in routing:
            routing.append(body)
        item = self.item(None, area, body, self.date, minutes=True, size=2.2)
        item.routing = routing
        position = routing.index(body)
        subject = item.title[:1].lower() + item.title[1:]
        # Decisions of the bodies up to this one, in order.
        decisions = []
        day = self.date
        for before in reversed(routing[:position]):
            day -= datetime.timedelta(days=rng.randint(5, 20))
            decisions.insert(0, self.decision(before, day, subject, absent=True))
        if rng.random() < 0.85:
            decisions.append(self.decision(body, self.date, subject, absent=True))
        item.decisions = decisions
        header = f"{NAME[body]} {_date_dmy(self.date)}"
        self.page_header = header
        broken = self.broken
        lines: list[str] = []
        expected_meeting = None
        expected_body = None
        # Without a decision, only the page header says whose meeting it was (seed 003).
        header_on_top = (broken and rng.random() < 0.5) or not decisions
        if header_on_top:
            lines += ["", header, ""]
        lines += ["", ""]
        # Seed 002 starts on the case line: the title was on the page before.
        with_title = not (broken and rng.random() < 0.1 and item.case_number)
        lines += _case_lines(self, item, broken=broken, with_title=with_title, agenda=False)
        if not with_title:
            item.title = None
        if broken:
            lines = _page_headers(rng, lines, header)
            if rng.random() < 0.6:
                lines += ["", "", header, "", ""]
            if rng.random() < 0.7:
                lines += _docparts(rng)
        # As the seeds' golden readings: the page header names the document's body and
        # meeting; without one, the latest decision does.
        if any(line == header for line in lines):
            expected_body = NAME[body]
            expected_meeting = _meeting(self.date)
        elif item.decisions:
            expected_body = item.decisions[-1]["body"]
            expected_meeting = _meeting(datetime.date.fromisoformat(item.decisions[-1]["date"]))
        expected = {
            "source": "",
            "document_type": "sag",
            "body": expected_body,
            "meeting": expected_meeting,
            "items": [item.expected()],
            "warnings": [],
        }
        return expected, "\n".join(lines) + "\n"

    def agenda(self, *, html: bool) -> tuple[dict, str]:
        """A whole agenda or minutes, as seed 004 (text) or as an HTML page."""
        rng = self.rng
        body = rng.choice(["DIR", "DIR", "ØK", "KB", *COMMITTEES, "HU"])
        kind = rng.choice(["dagsorden", "beslutningsprotokol", "referat"])
        if self.style == "agenda-pdf" and kind == "dagsorden":
            kind = "beslutningsprotokol"
        minutes = kind != "dagsorden"
        if body == "DIR":
            names = self.people(rng.randint(3, 4), party=False)
            members = [f"{title} {name}" for title, name in zip(DIRECTORS, names, strict=False)]
            titles = list(DIR_ITEMS)
            count = len(titles)
        else:
            members = self.people(rng.randint(5, 9) if body != "KB" else rng.randint(15, 21))
            count = rng.randint(10, 30)
            titles = []
        absent = []
        if minutes and rng.random() < 0.4:
            absent = rng.sample(members, rng.randint(1, 2))
        start = datetime.time(rng.choice([8, 9, 13, 14, 15, 16, 17]), rng.choice([0, 0, 15, 30]))
        end = None
        if rng.random() < 0.8:
            end = datetime.time(min(start.hour + rng.randint(1, 4), 23), rng.choice([0, 30, 45]))
        place = rng.choice(PLACES)
        items: list[_Item] = []
        for number in range(1, count + 1):
            if body == "DIR":
                item = self.item(number, "ØK", body, self.date, minutes=minutes, size=0.5)
                item.title = titles[number - 1]
                item.routing = ["DIR"]
                item.decisions = [d for d in item.decisions if d["body"] == NAME["DIR"]]
                if not item.closed:
                    _board_standing_item(self, item)
            else:
                area = body if body in COMMITTEES or body == "HU" else rng.choice(
                    [*COMMITTEES, "ØK"]
                )  # fmt: skip
                item = self.item(number, area, body, self.date, minutes=minutes, size=0.35)
                if not item.closed and body not in item.routing:
                    item.routing.append(body)
            items.append(item)
        meeting = {
            "date": self.date.isoformat(),
            "start": start.strftime("%H:%M"),
            "end": end.strftime("%H:%M") if end else None,
            "place": place,
            "members": members,
            "absent": absent,
        }
        front = {
            "body": NAME[body], "kind": kind, "place": place, "start": start, "end": end,
            "members": members, "absent": absent,
        }  # fmt: skip
        if html:
            text = _agenda_html(self, front, items)
        else:
            text = _agenda_text(self, front, items)
        expected = {
            "source": "",
            "document_type": kind,
            "body": NAME[body],
            "meeting": meeting,
            "items": [item.expected() for item in items],
            "warnings": [],
        }
        return expected, text


class _Slots(dict):
    """The values a template may name ({y}, {t}, {s}, ...), drawn when first named."""

    def __init__(self, gen: _Generator, subject: str, body: str):
        super().__init__()
        self.gen = gen
        self.subject = subject
        self.body = body

    def __missing__(self, key: str) -> object:
        value = getattr(self, f"_{key}")()
        self[key] = value
        return value

    def _y(self):
        return self.gen.year

    def _y1(self):
        return self.gen.year + 1

    def _y3(self):
        return self.gen.year + 3

    def _y4(self):
        return self.gen.year + 4

    def _y1_(self):
        return self.gen.year - 1

    def _t(self):
        return self.gen.rng.choice(TOWNS)

    def _m(self):
        return self.gen.rng.choice(MONTHS)

    def _s(self):
        return self.subject

    def _S(self):  # noqa: N802 - the slot is {S}
        return self.subject[:1].upper() + self.subject[1:]

    def _Body(self):  # noqa: N802 - the slot is {Body}
        return NAME.get(self.body, self.body)

    def _amount(self):
        return f"{self.gen.rng.randint(1, 40)},{self.gen.rng.randint(0, 9)}"

    def _small(self):
        return f"{self.gen.rng.randint(0, 3)},{self.gen.rng.randint(1, 9)}"

    def _pct(self):
        return self.gen.rng.randint(3, 30)

    def _purpose(self):
        return self.gen.rng.choice(["orientering", "godkendelse", "drøftelse"])

    def _date(self):
        days = self.gen.rng.randint(20, 200)
        return _date_dmy(self.gen.date - datetime.timedelta(days=days))

    def _policy(self):
        return self.gen.rng.choice(POLICIES)

    def _person(self):
        return self.gen.person()

    def _who(self):
        return self.gen.rng.choice(RECOMMENDERS)


def _board_standing_item(gen: _Generator, item: _Item) -> None:
    """Seed 004's standing items: the roll of coming ØK/KB dates and the committees' meetings
    to review (nested lists, dates as "d. 5/12 2023" and "d. 16. november"), and the forward
    plan as a table with HTML lists inside its cells."""
    rng = gen.rng
    day = gen.date
    blocks = item.sections[0][1]
    if item.number == 1:
        ok = day + datetime.timedelta(days=rng.randint(7, 14))
        kb = ok + datetime.timedelta(days=7)
        roll = f"Rul {MONTHS[ok.month - 1]}: ØK {_date_short(ok)}, KB {_date_short(kb)}"
        reviewed = []
        for abbreviation in rng.sample(COMMITTEES, 3):
            when = day - datetime.timedelta(days=rng.randint(1, 8))
            name = NAME[abbreviation].replace("udvalget", "udvalgsmøde")
            reviewed.append(f" - {name} d. {when.day}. {MONTHS[when.month - 1]}")
        blocks[:] = [
            roll,
            "\n".join(["- Gennemgang af beslutningsprotokol for", *reviewed]),
            roll,
            "Opsamling på forudgående møder, aktiviteter samt formål",
            ["Temadag for Hovedudvalget d. 17. november", "KKR-møde d. 21. november"],
        ]
    elif item.number == 4:
        rows = ["Dato\t"]
        for week in range(1, rng.randint(2, 4) + 1):
            when = day + datetime.timedelta(days=7 * week)
            points = "".join(
                f"• {gen.fill(rng.choice(TITLES['ØK']), '', 'ØK')}"
                for _ in range(rng.randint(1, 3))
            )
            rows.append(
                f"{when.day}. {MONTHS[when.month - 1][:3].capitalize()}.\t"
                f'<ul style="list-style-type: none">{points}'
            )
        table = "\n".join(rows)
        if rng.random() < 0.5:
            item.sections.insert(0, (INTRODUCTION, [table]))
        else:
            blocks.append(table)


def _meeting(date: datetime.date) -> dict:
    return {"date": date.isoformat(), "start": None, "end": None, "place": None,
            "members": [], "absent": []}  # fmt: skip


# --- Printing -----------------------------------------------------------------------------


def _date_dmy(date: datetime.date) -> str:
    return f"{date.day:02d}-{date.month:02d}-{date.year}"


def _date_long(date: datetime.date, weekday: bool = True) -> str:
    text = f"den {date.day}. {MONTHS[date.month - 1]} {date.year}"
    return f"{WEEKDAYS[date.weekday()]} {text}" if weekday else text


def _date_short(date: datetime.date) -> str:
    return f"d. {date.day}/{date.month} {date.year}"


def _time(value: datetime.time, separator: str = ":") -> str:
    return f"{value.hour}{separator}{value.minute:02d}"


def _wrap(rng: random.Random, text: str) -> list[str]:
    """A paragraph as a PDF's text layer gives it: lines of ~95 characters."""
    width = rng.randint(88, 102)
    lines, line, size = [], [], -1
    for word in text.split():
        if size + 1 + len(word) > width and line:
            lines.append(" ".join(line))
            line, size = [], -1
        line.append(word)
        size += 1 + len(word)
    if line:
        lines.append(" ".join(line))
    return lines


def _broken(
    rng: random.Random, blocks: list[object], bullet_prefix: str = BULLET_GLYPH
) -> list[str]:
    """Blocks as seeds 002/003 print them: each line with a trailing space and a blank line
    after it, " " lines between paragraphs, symbol-font bullets."""
    out: list[str] = []
    for number, block in enumerate(blocks):
        if number:
            out += [" ", ""]
        if isinstance(block, list):
            for bullet in block:
                for position, line in enumerate(_wrap(rng, bullet)):
                    prefix = f"{bullet_prefix} " if position == 0 else ""
                    out += [f"{prefix}{line} ", ""]
            continue
        for line in _wrap(rng, str(block)):
            if rng.random() < 0.03 and out and out[-1] == "":
                # a line that lost its blank line and gained a leading space (seed 002)
                out[-1:] = [f" {line} "]
                out.append("")
            else:
                out += [f"{line} ", ""]
    return out


def _clean(blocks: list[object]) -> list[str]:
    """Blocks as seed 000 prints them: a paragraph a line, blank lines between."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, list):
            out += [f"- {line}" for line in block]
        else:
            out.append(str(block))
        out.append("")
    return out


def _case_line(item: _Item, capital: bool) -> str:
    access = ("Lukket" if item.closed else "Åben") + (" Sag" if capital else " sag")
    parts = [part for part in (item.subject_code, item.case_number) if part]
    return " ".join([*parts, access])


def _attachment_lines(gen: _Generator, item: _Item, *, broken: bool, agenda: bool) -> list[str]:
    rng = gen.rng
    attachments = item.attachments
    if not attachments:
        return []
    end = " " if broken else ""
    form = "lines" if broken else rng.choice(["lines", "table", "table"])
    if agenda and not broken:
        form = rng.choice(["lines", "table", "list", "table004"])
    if agenda and form in ("lines", "table") and any(a["access"] == "closed" for a in attachments):
        # The overview prints a closed attachment without title ("(Lukket bilag)"); so does
        # the item, as in seed 004.
        form = "list" if broken else rng.choice(["list", "table004"])
    lines = [f"Bilag:{end}", ""]
    if form == "lines":
        for a in attachments:
            access = "Lukket" if a["access"] == "closed" else "Åben"
            marker = " (H)" if a["marker"] else ""
            words = a["title"].split()
            # A wrap leaves a title word on the first line and starts the next with a word
            # that is not a number ("31. oktober" would read as attachment 31).
            cuts = [k for k in range(1, len(words)) if not words[k][:1].isdigit()]
            if broken and cuts and rng.random() < WRAP_SHARE:
                cut = rng.choice(cuts)
                lines += [
                    f"{a['number']} - {a['id']} {access} {' '.join(words[:cut])}{end}", "",
                    f"{' '.join(words[cut:])} ({a['document_number']}){marker}{end}", "",
                ]  # fmt: skip
                continue
            lines += [f"{a['number']} - {a['id']} {access} {a['title']} "
                      f"({a['document_number']}){marker}{end}", ""]  # fmt: skip
    elif form == "table":
        lines += ["- | | | | | |", "|-------------|------|---|-------------|-----|"]
        for a in attachments:
            access = "Lukket" if a["access"] == "closed" else "Åben"
            marker = "(H)" if a["marker"] else ""
            lines.append(f"| {a['number']} - {a['id']} | {access} | {a['title']} | "
                         f"({a['document_number']}) | {marker} |")  # fmt: skip
        lines.append("")
    elif form == "table004":
        lines += ["- | | | ||", "|---|--|-----------||"]
        for a in attachments:
            if a["access"] == "closed":
                a["title"], a["document_number"] = None, None
                lines.append(f"| {a['number']} | Lukket | ||")
            else:
                lines.append(f"| {a['number']} | Åben {a['title']} | {a['document_number']} ||")
        lines.append("")
    else:  # seed 004's list: the document numbers are in the overview at the end
        for a in attachments:
            if a["access"] == "closed":
                a["title"], a["document_number"] = None, None
                lines.append(f"- {a['number']} Lukket")
            else:
                lines.append(f"- {a['number']} Åben {a['title']}")
        lines.append("")
        first_open = next((a for a in attachments if a["access"] == "open"), None)
        if first_open and rng.random() < 0.5:
            # seed 004: the first open attachment's document number alone after the list
            lines += [first_open["document_number"], ""]
    return lines


def _decision_lines(gen: _Generator, decision: dict, *, broken: bool, header: str) -> list[str]:
    rng = gen.rng
    end = " " if broken else ""
    date = decision["date_printed"]
    heading = f"Beslutning i {decision['body']} {date}"
    if broken and rng.random() < WRAP_SHARE:
        lines = [f"{line}{end}" for line in _wrapped_heading(rng, decision["body"], date)]
        lines = [lines[0], "", lines[1], ""]
    else:
        lines = [f"{heading}{end}", ""]
    paragraphs = [decision["text"]]
    if broken:
        lines += _broken(rng, paragraphs)
        lines += [" ", ""]
        if rng.random() < 0.25:
            lines += ["", "", "", header, ""]
    else:
        lines += _clean(paragraphs)
    for name in decision["not_taking_part"]:
        lines += [f"{name} deltog ikke under behandling af punktet.{end}", ""]
    if decision["apologies"]:
        if broken:
            lines += [" ", ""]
        lines += [f"Afbud:{end}", ""] if broken else ["Afbud:"]
        for name in decision["apologies"]:
            if broken and rng.random() < 0.3:
                name = name.replace(" ", "  ")  # as "Anne-Marie  Bentzen  (Sundhed- ...)"
            lines += [f"{name}{end}", ""] if broken else [name]
        if not broken:
            lines.append("")
    return lines


def _wrapped_heading(rng: random.Random, body: str, date: str) -> tuple[str, str]:
    """A decision heading broken over two lines: inside the body's name, before its "den"
    or "d.", or after it; the second line always holds the whole date."""
    head = ["Beslutning", "i", *body.split()]
    date_words = date.split()
    cut = rng.randint(2, len(head) + (1 if date_words[0] in ("den", "d.") else 0))
    words = head + date_words
    return " ".join(words[:cut]), " ".join(words[cut:])


def _case_lines(gen: _Generator, item: _Item, *, broken: bool, with_title: bool,
                agenda: bool) -> list[str]:  # fmt: skip
    """The printed lines of one item, from its title (or number and title) to its Bilag."""
    rng = gen.rng
    end = " " if broken else ""
    lines: list[str] = []
    title = f"{item.number}. {item.title}" if item.number is not None else item.title
    case_line = _case_line(item, capital=not agenda)
    if not agenda and item.case_number is None:
        # seed 003: no case number and no access line at all
        case_line = None if rng.random() < 0.5 else case_line
        item.unmarked = case_line is None
    if with_title:
        lines += [f"{title}{end}", ""]
    if case_line:
        lines += [f"{case_line}{end}", ""]
    if item.closed:
        return lines
    sagsgang = " Sagsgang " if broken and rng.random() < 0.3 else f"Sagsgang{end}"
    lines += [sagsgang, "", f"{', '.join(item.routing)}{end}", ""]
    sections = list(item.sections)
    recommendation = sections.pop()
    for heading, blocks in sections:
        lines += [f"{heading}{end}", ""]
        lines += _broken(rng, blocks) if broken else _clean(blocks)
    lines += [f"{recommendation[0]}{end}", ""]
    lines += _broken(rng, recommendation[1]) if broken else _clean(recommendation[1])
    header = f"{item.decisions[-1]['body'] if item.decisions else ''}"
    last = len(item.decisions) - 1
    for position, decision in enumerate(item.decisions):
        if position == last and position and rng.random() < 0.5:
            # seed 002: the last body's own recommendation just before its decision
            text = f"Formanden indstiller, at {decision['body']} drøfter sagen."
            item.sections.append(("Indstilling", [text]))
            lines += [f"Indstilling{end}", ""]
            lines += _broken(rng, [text]) if broken else _clean([text])
        lines += _decision_lines(gen, decision, broken=broken, header=gen.page_header or header)
    if broken:
        lines += [" ", ""]
    lines += _attachment_lines(gen, item, broken=broken, agenda=agenda)
    return lines


def _page_headers(rng: random.Random, lines: list[str], header: str) -> list[str]:
    """The page header repeated inside the text every ~45 lines, between two text lines."""
    out: list[str] = []
    since = 0
    for line in lines:
        out.append(line)
        since += 1
        if since > 45 and line == "" and out[-2].endswith(" ") and out[-2].strip() and (
            out[-2][:1].islower()
        ):  # fmt: skip
            if rng.random() < 0.5:
                out += ["", "", header, ""]
                since = 0
    return out


def _docparts(rng: random.Random) -> list[str]:
    numbers = rng.sample(range(214760, 214790), 6)
    return ["", *(f"\tDocPart{n}" for n in numbers), ""]


def _agenda_date(gen: _Generator) -> str:
    date = gen.date
    weekday = WEEKDAYS[date.weekday()]
    forms = [_date_long(date), _date_long(date), _date_dmy(date), f"den {_date_dmy(date)}",
             _date_long(date, weekday=False), f"{weekday} {_date_short(date)}"]  # fmt: skip
    return gen.rng.choice(forms)


def _agenda_text(gen: _Generator, front: dict, items: list[_Item]) -> str:
    rng = gen.rng
    broken = gen.broken
    gen.page_header = f"{front['body']} {_date_dmy(gen.date)}"
    kind = {"dagsorden": "DAGSORDEN", "beslutningsprotokol": "BESLUTNINGSPROTOKOL",
            "referat": "REFERAT"}[front["kind"]]  # fmt: skip
    lines = ["", "", "", "", front["body"], "", kind, ""]
    lines.append(f"- Sted: {front['place']}")
    lines.append(f"- Dato: {_agenda_date(gen)}")
    separator = rng.choice([":", ":", "."])  # seed 004's 9:00, or Danish 9.00
    lines.append(f"- Start kl.: {_time(front['start'], separator)}")
    if front["end"]:
        lines.append(f"- Slut kl.: {_time(front['end'], separator)}")
    members = front["members"]
    lines.append(f"- Medlemmer: {members[0]}")
    lines += members[1:]
    if front["absent"]:
        lines.append(f"- Fraværende: {front['absent'][0]}")
        lines += front["absent"][1:]
    else:
        lines.append("- Fraværende:")
    lines += ["", "Indholdsfortegnelse", "", "\tSide"]
    page = 1
    for item in items:
        lines.append(f"{item.number}. {item.title}\t{page}")
        page += rng.randint(0, 2) if item.closed else rng.randint(1, 3)
    with_overview = any(i.attachments for i in items)
    if with_overview:
        lines.append(f"Bilagsoversigt.....\t{page}")
    lines.append("")
    for item in items:
        lines += [f"{item.number}. {item.title}", ""]
        if item.closed:
            lines += [_case_line(item, capital=False), ""]
            continue
        lines += [_case_line(item, capital=False), ""]
        lines += ["Sagsgang", "", ", ".join(item.routing), ""]
        if front["body"] == NAME["DIR"] and item.number == 3 and rng.random() < 0.7:
            item.sections[0][1].append(_treatment_table(gen))
        body = _item_body_lines(gen, item, broken=broken)
        lines += body
    if with_overview:
        lines += ["Bilagsoversigt", ""]
        for item in items:
            if not item.attachments:
                continue
            lines.append(f"{item.number}. {item.title}")
            for a in item.attachments:
                if a["title"] is None or a["access"] == "closed":
                    lines.append(f" {a['number']}. (Lukket bilag)")
                else:
                    lines.append(f" {a['number']}. {a['title']} ({a['document_number']})")
            lines.append("")
    if front["body"] == NAME["DIR"] or rng.random() < 0.3:
        lines += ["Underskriftsside", ""]
        for member in members:
            lines += [member, ""]
    if broken and rng.random() < 0.5:
        lines += _docparts(rng)
    return "\n".join(lines) + "\n"


def _item_body_lines(gen: _Generator, item: _Item, *, broken: bool) -> list[str]:
    rng = gen.rng
    end = " " if broken else ""
    lines: list[str] = []
    for heading, blocks in item.sections:
        if heading != INTRODUCTION:
            lines += [f"{heading}{end}", ""]
        body = _broken(rng, blocks) if broken else _clean(blocks)
        if broken:
            body = _page_headers(rng, body, gen.page_header)
        lines += body
    for decision in item.decisions:
        lines += _decision_lines(gen, decision, broken=broken, header=gen.page_header)
    lines += _attachment_lines(gen, item, broken=broken, agenda=True)
    return lines


def _treatment_table(gen: _Generator) -> str:
    """Seed 004's time table with HTML inside its cells (one block of tab-separated rows)."""
    rng = gen.rng
    rows = ["Tid\tPunkt"]
    hour = 11
    for subject in rng.sample(TITLES["ØK"], 3):
        text = gen.fill(subject, "", "ØK")
        rows.append(
            f"{hour}.{rng.choice(['00', '15', '30'])}\t<p>Behandling af {text.lower()}</p> "
            f"<p>Direktionen drøfter rammerne for arbejdet.</p>"
        )
        hour += 1
    rows.append(f"{hour}.00\tFrokost")
    return "\n".join(rows)


def _agenda_html(gen: _Generator, front: dict, items: list[_Item]) -> str:
    """A whole agenda as one HTML page, as a municipality's meeting portal publishes it."""
    rng = gen.rng
    kind = {"dagsorden": "Dagsorden", "beslutningsprotokol": "Beslutningsprotokol",
            "referat": "Referat"}[front["kind"]]  # fmt: skip
    e = escape
    out = [
        "<!DOCTYPE html>",
        '<html lang="da"><head><meta charset="utf-8">',
        f"<title>{e(front['body'])} - {kind} - {_date_dmy(gen.date)}</title>",
        "<style>body{font-family:Arial} .access{font-style:italic}</style>",
        "</head><body>",
        f"<h1>{e(front['body'])}</h1>",
        f"<h2>{kind.upper()}</h2>",
        "<ul>",
        f"<li>Sted: {e(front['place'])}</li>",
        f"<li>Dato: {e(_agenda_date(gen))}</li>",
        f"<li>Start kl.: {_time(front['start'])}</li>",
    ]
    if front["end"]:
        out.append(f"<li>Slut kl.: {_time(front['end'])}</li>")
    out.append("<li>Medlemmer: " + "<br>".join(e(m) for m in front["members"]) + "</li>")
    out.append("<li>Fraværende: " + "<br>".join(e(m) for m in front["absent"]) + "</li>")
    out.append("</ul>")
    for item in items:
        out.append(f'<div class="item"><h2>{item.number}. {e(item.title)}</h2>')
        out.append(f'<p class="access">{e(_case_line(item, capital=False))}</p>')
        if item.closed:
            out.append("</div>")
            continue
        out.append(f"<h3>Sagsgang</h3><p>{e(', '.join(item.routing))}</p>")
        for heading, blocks in item.sections:
            if heading != INTRODUCTION:
                out.append(f"<h3>{e(heading)}</h3>")
            for block in blocks:
                if isinstance(block, list):
                    out.append("<ul>" + "".join(f"<li>{e(b)}</li>" for b in block) + "</ul>")
                else:
                    out.append(f"<p>{e(str(block))}</p>")
        for d in item.decisions:
            out.append(f"<h3>Beslutning i {e(d['body'])} {d['date_printed']}</h3>")
            out.append(f"<p>{e(d['text'])}</p>")
            for name in d["not_taking_part"]:
                out.append(f"<p>{e(name)} deltog ikke under behandling af punktet.</p>")
            if d["apologies"]:
                out.append("<p>Afbud:<br>" + "<br>".join(e(n) for n in d["apologies"]) + "</p>")
        if item.attachments:
            out.append("<h3>Bilag:</h3>")
            # As paragraphs, or as the table seed 000's markdown was converted from.
            table = rng.random() < 0.5
            if table:
                out.append("<table>")
            for a in item.attachments:
                access = "Lukket" if a["access"] == "closed" else "Åben"
                if table:
                    marker = "(H)" if a["marker"] else ""
                    out.append(
                        f"<tr><td>{a['number']} - {a['id']}</td><td>{access}</td>"
                        f"<td>{e(a['title'])}</td><td>({a['document_number']})</td>"
                        f"<td>{marker}</td></tr>"
                    )
                else:
                    marker = " (H)" if a["marker"] else ""
                    out.append(f"<p>{a['number']} - {a['id']} {access} {e(a['title'])} "
                               f"({a['document_number']}){marker}</p>")  # fmt: skip
            if table:
                out.append("</table>")
        out.append("</div>")
    if rng.random() < 0.5:
        out.append("<h2>Underskriftsside</h2>")
        out += [f"<p>{e(m)}</p>" for m in front["members"]]
    out.append("</body></html>")
    return "\n".join(out) + "\n"


_Generator.page_header = ""


# --- Command line -------------------------------------------------------------------------


def write(folder: Path, count: int, seed: int = 1, *, truth: bool = False) -> tuple[int, int]:
    """Write count documents into folder (and, with truth, NAME.json beside each); returns
    (documents, bytes)."""
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    written = 0
    for document in generate(count, seed):
        (folder / document.filename).write_bytes(document.data)
        if truth:
            path = folder / f"{document.filename}.json"
            path.write_text(json.dumps(document.expected, ensure_ascii=False, indent=1))
        total += len(document.data)
        written += 1
    return written, total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.reading.support.corpus",
        description="Write a generated corpus of Danish agendas, minutes and case extracts.",
    )
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--truth", action="store_true", help="also write the expected reading as NAME.json"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    count, size = write(args.outdir, args.count, args.seed, truth=args.truth)
    elapsed = time.perf_counter() - started
    print(f"{count} documents, {size / 1024 / 1024:.1f} MB in {args.outdir} ({elapsed:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
