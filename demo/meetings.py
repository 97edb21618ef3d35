"""Meetings of the demo municipality: members, a 2025-2026 calendar, cases and agendas.

Modelled on the seeds: the case "Udmøntningsplan 2025-2028" goes ØK -> KB in December 2024
(seed 000), Hovedudvalget discusses it (seed 002), each committee gets its extract in January
2025 (seed 003), and Direktionen's weekly agenda is built from its template (seed 004).

Everything about meetings is written through meetings.services, so the history shows each
step; members have no service and are created directly, like the loader's bodies. "Today" is
fixed (TODAY) so the demo is the same whenever it is loaded.

Every body has its 2025-2026 calendar. The services validate and record history on every
write (some 5-10 ms each), so not every past meeting is filled in: meetings from HISTORY_FROM
on, and earlier ones that treat the demo's cases (the plan's own story, cases from 2026), have
an agenda, decisions and approved minutes; other past meetings are calendar entries only.
Direktionen's meetings from HISTORY_FROM on are built from its agenda template; earlier ones
are plain calendar entries. Coming meetings within PUBLISHED_AHEAD have their agenda sent out.
"""

from __future__ import annotations

import datetime
import functools
import random
from dataclasses import dataclass, field
from html import escape

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from danish import richtext
from danish.formatting import long_date, number
from meetings import services
from meetings.models import AgendaItem, Case, Meeting, StandingKind
from organisation.models import Body, Member
from plans.models import Item

TODAY = datetime.date(2026, 11, 25)
# Agendas are sent out this long before the meeting.
PUBLISHED_AHEAD = datetime.timedelta(days=14)
# Coming meetings this close get their agenda items already; later ones are only planned.
PREPARED_AHEAD = datetime.timedelta(days=35)
# Past meetings from this date on are filled in; also when Direktionen's template takes over
# and its forward plan topics are written (see the module docstring).
HISTORY_FROM = datetime.date(2026, 10, 1)
# Cases from the plan are put on meetings from this date on.
PLAN_CASES_FROM = datetime.date(2026, 1, 1)
KEY_CASE = "24/10511"
PLAN_TITLE = "Udmøntningsplan 2025-2028"

# --- Members ----------------------------------------------------------------------------------

# Kommunalbestyrelsen: 27 members. The names are made up; the party letters are real.
COUNCIL = [
    ("Jesper Bach Mortensen", "V", "Borgmester"), ("Mette Kjærgaard Sørensen", "A", ""),
    ("Karina Lund Pedersen", "V", ""), ("Thomas Frost Nielsen", "A", ""),
    ("Lars Bjerregaard", "C", ""), ("Martin Kirk", "I", ""), ("Signe Toft Madsen", "F", ""),
    ("Niels Ole Rasmussen", "V", ""), ("Birgitte Skov", "A", ""), ("Jan Lykke Jensen", "A", ""),
    ("Hanne Vestergaard", "V", ""), ("Anne Sofie Mikkelsen", "A", ""),
    ("Søren Kjeldsen", "V", ""), ("Louise Damgaard", "V", ""), ("Michael Brøndum", "A", ""),
    ("Per Holm Andersen", "V", ""), ("Pia Nørgaard", "A", ""), ("Kenneth Thygesen", "A", ""),
    ("Camilla Friis", "C", ""), ("Henrik Juhl", "C", ""), ("Rasmus Hedegaard", "F", ""),
    ("Julie Bundgaard", "I", ""), ("Bent Højgaard", "O", ""), ("Dorthe Lassen", "O", ""),
    ("Ida Marie Svendsen", "Ø", ""), ("Kristian Dam", "Ø", ""), ("Carsten Overgaard", "Æ", ""),
]  # fmt: skip
PARTY = {name: party for name, party, _title in COUNCIL}
# Committees: chair, vice-chair, members (all of them council members).
COMMITTEES = {
    "ØK": ["Jesper Bach Mortensen", "Mette Kjærgaard Sørensen", "Karina Lund Pedersen",
           "Thomas Frost Nielsen", "Lars Bjerregaard", "Martin Kirk", "Signe Toft Madsen"],
    "AU": ["Jan Lykke Jensen", "Niels Ole Rasmussen", "Camilla Friis", "Julie Bundgaard",
           "Kristian Dam"],
    "BUU": ["Louise Damgaard", "Anne Sofie Mikkelsen", "Rasmus Hedegaard", "Dorthe Lassen",
            "Thomas Frost Nielsen"],
    "MTU": ["Søren Kjeldsen", "Signe Toft Madsen", "Michael Brøndum", "Henrik Juhl",
            "Carsten Overgaard"],
    "VPU": ["Birgitte Skov", "Hanne Vestergaard", "Bent Højgaard", "Ida Marie Svendsen",
            "Pia Nørgaard"],
    "KFU": ["Martin Kirk", "Kenneth Thygesen", "Per Holm Andersen", "Julie Bundgaard",
            "Camilla Friis"],
    "EU": ["Karina Lund Pedersen", "Lars Bjerregaard", "Mette Kjærgaard Sørensen",
           "Per Holm Andersen", "Kenneth Thygesen"],
}  # fmt: skip
BOARD = [
    ("Jonas Kroustrup", "Kommunaldirektør"),
    ("Lene Mehlsen Thomsen", "Velfærdsdirektør"),
    ("Kim Bruun Nielsen", "Fællesforvaltningsdirektør"),
]
# Hovedudvalget: management and employee side; the chair is the chief executive (seed 002).
MAIN_COMMITTEE = [
    ("Jonas Kroustrup", "Kommunaldirektør"),
    ("Anders Bonde", "Fællestillidsrepræsentant DLF"),
    ("Lene Mehlsen Thomsen", "Velfærdsdirektør"),
    ("Kim Bruun Nielsen", "Fællesforvaltningsdirektør"),
    ("Anne-Marie Bentzen", "Sundheds- og omsorgschef"),
    ("Peter Lund", "Skolechef"),
    ("Trine Dahl", "HR-chef"),
    ("Susanne Krogh", "Fællestillidsrepræsentant FOA"),
    ("Morten Winther", "Fællestillidsrepræsentant BUPL"),
    ("Helle Kjær Iversen", "Fællestillidsrepræsentant HK Kommunal"),
    ("Bo Jeppesen", "Fællestillidsrepræsentant 3F"),
    ("Tina Kolind", "Arbejdsmiljørepræsentant"),
]

# --- Calendar ---------------------------------------------------------------------------------

# Committees meet monthly (not in July) on the nth weekday (0 = Monday) of the month; in
# December on the nth weekday but no later than the 2nd, before Christmas.
SCHEDULE = {
    "KB": (1, 4, (17, 0), (20, 0), "Kommunalbestyrelsessalen, rådhuset"),
    "AU": (3, 4, (15, 0), (17, 0), "Mødelokale 2, rådhuset"),
    "BUU": (3, 3, (14, 0), (17, 0), "Mødelokale 3, rådhuset"),
    "MTU": (0, 3, (14, 0), (17, 0), "Mødelokale 4, rådhuset"),
    "VPU": (2, 3, (13, 0), (16, 0), "Mødelokale 5, rådhuset"),
    "KFU": (1, 2, (16, 0), (18, 30), "Mødelokalet, Grenaa Bibliotek"),
    "EU": (0, 2, (15, 0), (17, 0), "Mødelokale 1, rådhuset"),
}
FINANCE = ((14, 0), (16, 30), "Mødelokale 1, rådhuset")  # a week before KB
MAIN_COMMITTEE_MONTHS = (3, 5, 6, 9, 11, 12)  # first Thursday
MAIN_COMMITTEE_SLOT = ((9, 0), (12, 0), "Kantinen, rådhuset")
BOARD_SLOT = ((9, 0), (12, 0), "Mødelokale 250, rådhuset")  # every Wednesday
YEARS = (2025, 2026)

# --- Texts ------------------------------------------------------------------------------------

KEY_PRESENTATION = """\
Der er udarbejdet udmøntningsplan for budget 2025-2028. I lighed med sidste år er der desuden \
udarbejdet en strategisk udmøntningsplan. Den strategiske udmøntningsplan vil indgå 2 gange \
årligt på direktionens dagsorden og vil også være en del af direktionens årshjul. Ligeledes \
anbefales fagudvalgene at benytte den. Det indstilles, at den faste og strategiske \
udmøntningsplan drøftes og godkendes.

I udmøntningsplanen indgår samtlige emner fra budgetaftalen 2025-2028 som Kursen for 2025, og \
proces, tværgående aspekter og Direktionens rolle er beskrevet for den enkelte indsats. Planen \
beskriver også Koordinering og Commitment (KKC) til forløbet og sagsbehandlingen i de enkelte \
sager.

Den faste udmøntningsplan er opdelt i driftsændringer, råderumsforslag og anlægsprojekter pr. \
fagudvalg, og hensigtserklæringerne er jf. budgetaftalen opdelt i hovedpunkterne fra \
budgetaftalen.

Budgetaftalen indeholder i år relativt mange opgaver, som varierer i tyngde og involvering af \
medarbejdere og politisk niveau, og det vil kræve stort fokus og blik på ikke at gøre tingene \
større end nødvendigt og få organiseret processerne, så de fuldføres i 2025. I \
udmøntningsplanen indgår en række større strategiske emner med fokus i år 2025, og af \
eksempler på dette kan nævnes kloge m2, flådestyring og implementeringen af de udvalgte \
råderumsforslag.

Kompetencefordelingsplanen fastlægger kompetencefordelingen mellem de politiske udvalg og \
forvaltningen, og på den baggrund er der en del punkter, som vil være genstand for yderligere \
politisk behandling, mens andre punkter er indarbejdet i den ordinære drift, hvor der ikke sker \
yderligere politisk behandling. De punkter, der allerede er implementeret, er markeret med X \
for afsluttet. Det er eksempelvis afledt drift i forbindelse med flere af anlægsprojekterne. \
Det fremgår også af udmøntningsplanen, hvilke punkter der vil blive behandlet i fagudvalgene, \
og punkterne vil indgå i arbejdsplanen på de enkelte udvalg.

I den strategiske udmøntningsplan indgår de overordnede linjer. Det er blandt andet emner som

- Økonomi i det strategiske og kort- og langsigtede perspektiv herunder eftersyn af \
budgetterne og budget i balance
- Rekruttering og fastholdelse samt HR, udfordringer på velfærdsområderne, \
ledelsesudvikling, trivsel og gode arbejdsfællesskaber
- Klima – Det grønne, Næse for vand, biodiversitet, DK 2020 & Klimahandlingsplan
- Samarbejder - Det blå, Anholt, Grenaa Havn og Partnerskabet med Halmstad
- Samskabelse, borgerinvolvering og velfærdsservice, borgerens møde med kommunen, \
lokaldemokrati i nybrud.

Formålet er at sætte ord på den strategiske udvikling, der tegner sig for de kommende år. Det \
stiller krav til os alle sammen - hvordan kan vi sikre inddragelse og samarbejde omkring det \
på den mest hensigtsmæssige måde, og hvad betyder det konkret for os?

Både den strategiske og den faste udmøntningsplan er dynamiske og bliver løbende udviklet og \
opdateret. De anførte tidspunkter i planen er vejledende og kan blive justeret.

Der vil ske løbende kommunikation og formidling af såvel den strategiske som den faste \
udmøntningsplan i hele organisationen."""

KEY_POLICY = """\
Udmøntningen af budgettet tager strategisk udgangspunkt i den politisk vedtagne plan- og \
udviklingsstrategi, herunder styrkepositionerne det blå og det grønne samt bybånd som motorer \
for udvikling, og kystbåndet som porten til oplevelser. Her er det vigtigt at have \
sammenhænge mellem vedtagne politikker og strategier, øvrige fagområder mv. for øje.

Til at understøtte dette formål er det på direktionen aftalt, at fagdirektørerne holder 5 min. \
oplæg om aktuelle emner med strategisk ophæng på direktionens møder, eksempelvis vedr. \
relevante fagpolitikker forinden politisk behandling i fagudvalg.

Udmøntningen har værdimæssigt afsæt i værdierne Vores Norddjurs: Tillid, ordentlighed, \
udvikling og fællesskab. Som afsæt for plan- og udviklingsstrategien er 6 af FN's verdensmål \
udpeget, herunder verdensmålet partnerskab for handling, som er et af værktøjerne til at skabe \
vækst og udvikling."""

MAIN_COMMITTEE_DECISION = """\
Fællesforvaltningsdirektør Kim Bruun Nielsen indledte punktet. Den faste udmøntningsplan \
beskriver konkrete projekter og indsatser med udgangspunkt i budgetaftalen 2025, mens den \
strategiske udmøntningsplan giver et mere helhedsorienteret perspektiv, idet indsatser og \
projekter ses i en større sammenhæng på tværs i organisationen. Hovedudvalget havde en dialog \
om udmøntningsplan 2025-2028, herunder implementeringen af råderumsforslagene og inddragelsen \
af MED-organisationen. Der er både strategisk og lokal opmærksomhed på at fastholde trivsel og \
gode arbejdsfællesskaber i organisationen."""

EXTRACT_PRESENTATION = """\
I forlængelse af vedtagelsen af Norddjurs Kommunes budget 2025-2028 er der udarbejdet en \
udmøntningsplan, som er godkendt på Kommunalbestyrelsens møde den 11. december 2024. Det \
anbefales fagudvalgene at benytte planen i forhold til de områder, som vedrører det enkelte \
udvalg, og som også vil afspejles i arbejdsplanen for udvalget. Udmøntningsplanen fremlægges \
derfor på fagudvalgenes møder i januar 2025 til orientering på eget område.

I den samlede udmøntningsplan indgår samtlige emner fra budgetaftalen som Kursen for 2025, \
mens planen også beskriver Koordinering og Commitment til forløbet og sagsbehandlingen i de \
enkelte sager. Der er vedlagt et udsnit af den faste udmøntningsplan med den del, som vedrører \
{genitive} egne punkter samt de tværgående punkter som fx råderumsforslag og \
budgetoverholdelse.

Udmøntningsplanen er opdelt i driftsændringer, råderumsforslag, anlægsprojekter pr. fagudvalg, \
og hensigtserklæringerne er opdelt i hovedpunkter fra budgetaftalen og grupperet efter:

- Økonomisk Politik
- Politiske visioner
- Sociale investeringer, Fremtidens velfærd, Skoler og dagtilbud
- Norddjurs i bevægelse
- Partnerskaber
- Vækst, erhverv og beskæftigelse
- Klima, miljø, natur og den grønne omstilling.

Af større strategiske tværgående emner kan bl.a. nævnes:

- Arbejdet med kloge m2, som skaber de bedste rammer for borgere og ansatte og reducerer \
kapacitet og omkostninger m.v.
- Flådestyringsenhed, som skal udvikle og drive centraliseret flådestyring af kommunens \
køretøjer for at reducere CO2 og optimere drift, indkøb og kørsel af køretøjer.
- Diverse effektiviseringer af arbejdsgange i administrationen fx omkring aktindsigt samt \
implementering af generativ kunstig intelligens i alle dele af organisationen.

Udmøntningsplanen er et dynamisk dokument og bliver løbende udviklet og opdateret. De anførte \
tidspunkter i planen er vejledende og kan blive justeret."""

EXTRACT_POLICY = """\
Udmøntningen af budgettet tager strategisk udgangspunkt i Plan- og Udviklingsstrategien, som \
er vedtaget i november 2023, og som sætter retning for både den strategiske og fysiske \
udvikling med særlig fokus på Natur, Prioritering af arealer og Den grønne omstilling.

Udmøntningsplanen har sammenhæng i forhold til efterlevelse af direktionens strategiske \
indsatser og ledelsesgrundlag, herunder hvor Kursen for 2025 er lagt i de enkelte emner, mens \
der med Koordinering og Commitment (KKC) i implementeringen forventes styrket aktørskab i \
organisationen."""

EXTRACT_LEGAL = """\
Der er ikke lovkrav om at udarbejde en udmøntningsplan vedrørende budgettet, men \
udmøntningsplanen støtter op om det planlægningsmæssige omkring udmøntning og efterlevelse af \
budgettet, som har udgangspunkt i Den kommunale styrelseslov og Budgetloven."""

# Direktionen's agenda template (seed 004).
REVIEW_FIXED = """\
Opsamling på forudgående møder, aktiviteter samt formål

Kommende møder, aktiviteter samt formål

Aktuelle politiske sager"""
ECONOMY_FIXED = (
    "For at følge den økonomiske udvikling og gennemførelsen af budgettet indeholder "
    "direktionens møder et fast punkt om kommunens økonomi."
)
TREATMENT_FIXED = """\
I økonomiaftalen mellem regeringen og KL for 2019 understreges kommunernes rolle mht. at \
implementere verdensmålene lokalt igennem partnerskaber om bæredygtig lokal udvikling, og \
målene indgår f.eks. også som ramme for Region Midtjyllands udviklingsstrategi.

Direktionen i Norddjurs Kommune arbejder med FN's 17 verdensmål for bæredygtig udvikling som \
en overordnet begrebsramme, for at sikre fokus på at arbejde innovativt og fokusere på \
eksekvering og langsigtede effekter inden for kommunens forskellige fagområder som fx \
bosætning, omsorg, uddannelse, miljø, sundhed og infrastruktur.

Verdensmålene giver mulighed for at arbejde værdibåret og retningsskabende og kan styrke de \
tværgående perspektiver igennem et helhedsfokus på kommunen som samfund med en række \
emnemæssige udfordringer.

På de områder, hvor det giver værdi, lader direktionen derfor verdensmålene fungere som \
kobling til konkrete udviklingsprojekter og tværfaglige samarbejdsformer, og lader dem være \
styrende for udviklingen af eksterne partnerskaber, samt inddragelse af borgere og \
civilsamfund.

Direktionen arbejder med 5 minutters oplæg som metode til at kvalificere specifikke emner til \
behandling. Fagdirektørerne holder 5 minutters oplæg om aktuelle emner med strategisk ophæng i \
direktionen, herunder eksempelvis relevante fagpolitikkers indhold, forinden politisk \
behandling i fagudvalgene."""
FORWARD_FIXED = (
    "Drøftelse og fastlæggelse af øvrige punkter til behandling under dagsordenens punkt 3 på "
    "det næste direktionsmøde."
)
STANDING_ITEMS = [
    (1, "Beslutningsprotokoller og dagsordener", StandingKind.REVIEW, {
        "case_presentation": REVIEW_FIXED,
        "financial_consequences": "De økonomiske konsekvenser beskrives i "
                                  "dagsordenspunkterne til møderne i de stående udvalg m.v.",
        "recommendation": "Det indstilles, at de nævnte beslutningsprotokoller og de nævnte "
                          "dagsordener gennemgås.",
    }),
    (2, "Økonomi", StandingKind.NONE, {
        "case_presentation": ECONOMY_FIXED,
        "financial_consequences": "Direktionen følger den økonomiske udvikling og vurderer "
                                  "løbende budgetopfølgningerne på de forskellige områder.",
        "recommendation": "Det indstilles, at punktet drøftes.",
    }),
    (3, "Punkter til behandling", StandingKind.TREATMENT, {
        "case_presentation": TREATMENT_FIXED,
        "recommendation": "Det indstilles, at punkterne behandles.",
    }),
    (4, "Eventuelt, herunder punkter til næste møde", StandingKind.FORWARD_PLAN, {
        "case_presentation": FORWARD_FIXED,
    }),
]  # fmt: skip
BOARD_DECISIONS = {
    1: "Gennemgået.",
    2: "Drøftet.",
    3: "Punkterne blev behandlet.",
    4: "Drøftet. Punkterne til de kommende møder blev fastlagt.",
}
# Direktionen's forward plan: (weeks from TODAY or None for "afventer dato", title, description).
BOARD_TOPICS = [
    (-7, "Status på den strategiske udmøntningsplan", "Kursen for 2026 gennemgås tema for tema."),
    (-6, "Budgetopfølgning pr. 30. september", ""),
    (-5, "Rekruttering af social- og sundhedsassistenter",
     "Velfærdsdirektøren holder 5 minutters oplæg."),
    (-4, "Kloge m2 – status på kapacitetstilpasningen", ""),
    (-3, "Kommunikationsplan for råderumsarbejdet", "Direktionen drøfter rammerne for arbejdet."),
    (-2, "Trivselsmåling 2026 – resultater og opfølgning", "HR-chef Trine Dahl deltager."),
    (-1, "Flådestyringsenheden – første driftsår", ""),
    (0, "Behandling af oplæg til udmøntningsplan 2027-2030",
     "Fagdirektørerne gennemgår udmøntningsplanen for eget område med afsæt i særlige "
     "opmærksomhedspunkter og strategiske hensyn. Udmøntningsplanen behandles også på "
     "direktionsseminar d. 2. december, hvorefter planen behandles i ØK og KB i december og på "
     "fagudvalg i januar."),
    (0, "Anerkendelse af gennemført DOL",
     "Chef for Ledelsessekretariatet præsenterer punktet. Notat er vedlagt."),
    (0, "Generativ kunstig intelligens – erfaringer fra pilotprojekterne",
     "Digitaliseringschefen deltager under drøftelsen."),
    (0, "Dialogmøde med Sundheds- og omsorgschef Anne-Marie Bentzen", ""),
    (1, "Oplæg til udmøntningsplan og strategisk udmøntningsplan 2027", ""),
    (2, "Direktionens årsplan samt den strategiske udmøntningsplan", ""),
    (2, "Direktionens årshjul 2027", ""),
    (2, "Program for chefforum 18. dec.", ""),
    (3, "Udbetaling af 6. ferieuge", ""),
    (3, "Årligt dialogmøde med sekretariatschef hos Velfærdssekretariatet", ""),
    (None, "Regeringens lovprogram",
     "Direktionen drøfter regeringens lovprogram med særligt fokus på indsatser, der relaterer "
     "sig til Norddjurs Kommune."),
    (None, "Kommunalbestyrelsesseminar 2027", "Program og rammer aftales med borgmesteren."),
]  # fmt: skip
TODAY_TIMES = ["10.00", "10.30", "11.00", "11.30-12.00"]

NEWS = {
    "KB": ["Borgmesteren orienterede om KKR-møde og om status på budgetopfølgningen.",
           "Orientering om henvendelser fra borgere og om kommende temamøder."],
    "ØK": ["Orientering om likviditet og kassebeholdning.",
           "Orientering om status på råderumsforslagene."],
    "AU": ["Orientering om ledighedstal og status på jobcentrets indsatser.",
           "Orientering om virksomhedsbesøg og samarbejdet med erhvervslivet."],
    "BUU": ["Orientering om elevtal og status på dagtilbudsområdet.",
            "Orientering om trivselsmåling i folkeskolen."],
    "MTU": ["Orientering om vejarbejder og status på klimahandlingsplanen.",
            "Orientering om vandløbsvedligeholdelse og Næse for vand."],
    "VPU": ["Orientering om ventelister til plejeboliger og rekruttering.",
            "Orientering om tilsyn på plejecentrene."],
    "KFU": ["Orientering om foreningspuljen og kommende arrangementer.",
            "Orientering om biblioteksbetjening i landdistrikterne."],
    "EU": ["Orientering om turismesæsonen og erhvervsservice.",
           "Orientering om samarbejdet med Grenaa Havn."],
}  # fmt: skip
MAIN_COMMITTEE_TOPICS = [
    ("Sygefravær – status", "Drøftet."),
    ("Trivsel og arbejdsmiljø", "Drøftet."),
    ("Budget – orientering om budgetforhandlingerne", "Taget til efterretning."),
    ("Rekruttering og fastholdelse", "Drøftet."),
    ("Arbejdsmiljøorganisationens årlige drøftelse", "Drøftet."),
]


@dataclass
class Spec:
    """One agenda item to put on a meeting: its case or fields, decision and attachments."""

    fields: dict
    case: Case | None = None
    decision: str = ""
    not_participating: list[Member] = field(default_factory=list)
    # (title, document number, closed, what the PDF shows: see _pdf_body)
    attachments: list[tuple[str, str, bool, str]] = field(default_factory=list)
    item: AgendaItem | None = None  # once it is on the agenda


@dataclass
class _Demo:
    user: User
    rng: random.Random
    bodies: dict[str, Body] = field(default_factory=dict)
    members: dict[str, list[Member]] = field(default_factory=dict)
    meetings: dict[str, list[Meeting]] = field(default_factory=dict)
    agenda: dict[int, list[Spec]] = field(default_factory=dict)
    absences: dict[int, dict[Member, str]] = field(default_factory=dict)
    case_numbers: set[str] = field(default_factory=set)


def demo_meetings(*, user: User) -> dict[str, int]:
    """Members for every body and, when there are no meetings yet, the whole calendar."""
    bodies = {b.abbreviation: b for b in Body.objects.all()}
    _members(bodies)
    if Meeting.objects.exists():
        return {"meetings_created": 0}
    demo = _Demo(user=user, rng=random.Random(2026), bodies=bodies)
    demo.members = {
        abbreviation: list(body.members.order_by("position"))
        for abbreviation, body in bodies.items()
    }
    _calendar(demo)
    _key_case(demo)
    _extracts(demo)
    _plan_cases(demo)
    _closed_cases(demo)
    _regular_items(demo)
    _standing_items(demo)
    _run(demo)
    return {"meetings_created": sum(len(m) for m in demo.meetings.values())}


# --- Members ----------------------------------------------------------------------------------


def _members(bodies: dict[str, Body]) -> None:
    def add(body, rows, roles=(Member.Role.CHAIR, Member.Role.VICE_CHAIR)):
        """The first rows are the chair and vice-chair (formand, næstformand)."""
        if body.members.exists():
            return
        for position, (name, title, party) in enumerate(rows):
            role = roles[position] if position < len(roles) else Member.Role.MEMBER
            Member.objects.create(body=body, name=name, title=title, party=party, role=role,
                                  position=position)  # fmt: skip

    add(bodies["KB"], [(name, title, party) for name, party, title in COUNCIL])
    for abbreviation, names in COMMITTEES.items():
        add(bodies[abbreviation], [(name, "", PARTY[name]) for name in names])
    add(bodies["DIR"], [(name, title, "") for name, title in BOARD], roles=[Member.Role.CHAIR])
    add(bodies["HU"], [(name, title, "") for name, title in MAIN_COMMITTEE])


def _member(demo: _Demo, abbreviation: str, name: str) -> Member:
    return next(m for m in demo.members[abbreviation] if m.name == name)


# --- Calendar ---------------------------------------------------------------------------------


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> datetime.date:
    first = datetime.date(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    return first + datetime.timedelta(days=offset + 7 * (nth - 1))


def _calendar(demo: _Demo) -> None:
    """Plain meetings (no template) for every body in date order, Direktionen's last and only
    until HISTORY_FROM (later ones are built from its template in _run)."""
    rows = []  # (date, start, end, place, abbreviation)
    for abbreviation, (weekday, nth, start, end, place) in SCHEDULE.items():
        for year in YEARS:
            for month in range(1, 13):
                if month == 7:
                    continue
                date = _nth_weekday(year, month, weekday, min(nth, 2) if month == 12 else nth)
                rows.append((date, start, end, place, abbreviation))
                if abbreviation == "KB":
                    rows.append((date - datetime.timedelta(days=7), *FINANCE, "ØK"))
    for year in YEARS:
        for month in MAIN_COMMITTEE_MONTHS:
            rows.append((_nth_weekday(year, month, 3, 1), *MAIN_COMMITTEE_SLOT, "HU"))
    # The plan's own meetings in December 2024 (seeds 000 and 003).
    rows.append((datetime.date(2024, 12, 3), *FINANCE, "ØK"))
    rows.append((datetime.date(2024, 12, 11), *SCHEDULE["KB"][2:], "KB"))
    for date, start, end, place, abbreviation in sorted(rows, key=lambda r: (r[0], r[1])):
        meeting = services.meeting_create(
            body=demo.bodies[abbreviation], date=date, start_time=datetime.time(*start),
            end_time=datetime.time(*end), place=place, from_template=False, user=demo.user,
        )  # fmt: skip
        demo.meetings.setdefault(abbreviation, []).append(meeting)
    # Direktionen last (the template's review reads the calendar); until HISTORY_FROM plain.
    demo.meetings["DIR"] = []
    start, end, place = BOARD_SLOT
    for date in _board_dates():
        if date < HISTORY_FROM:
            meeting = services.meeting_create(
                body=demo.bodies["DIR"], date=date, start_time=datetime.time(*start),
                end_time=datetime.time(*end), place=place, from_template=False, user=demo.user,
            )  # fmt: skip
            demo.meetings["DIR"].append(meeting)


def _meeting_on(demo: _Demo, abbreviation: str, date: datetime.date) -> Meeting:
    return next(m for m in demo.meetings[abbreviation] if m.date == date)


def _meeting_in(demo: _Demo, abbreviation: str, year: int, month: int) -> Meeting:
    """The body's meeting in that month; the demo's calendar has one for every month used."""
    return next(
        m for m in demo.meetings[abbreviation] if (m.date.year, m.date.month) == (year, month)
    )


def _next_meeting(demo: _Demo, abbreviation: str, after: datetime.date, gap: int = 1):
    earliest = after + datetime.timedelta(days=gap)
    return next((m for m in demo.meetings[abbreviation] if m.date >= earliest), None)


def _add(demo: _Demo, meeting: Meeting, spec: Spec) -> None:
    demo.agenda.setdefault(meeting.pk, []).append(spec)


def _case(demo: _Demo, *, year: int, title: str, routing: list[str], items=(), **kwargs):
    while True:
        number = f"{year % 100}/{demo.rng.randint(6000, 16999)}"
        if number not in demo.case_numbers:
            break
    demo.case_numbers.add(number)
    return services.case_create(
        number=number, title=title, routing=[demo.bodies[a] for a in routing], items=items,
        user=demo.user, **kwargs,
    )  # fmt: skip


# --- The key case: Udmøntningsplan 2025-2028 (seeds 000, 002) --------------------------------


def _plan_items(codes=None, committee=None):
    items = Item.objects.filter(plan__name=PLAN_TITLE).select_related("committee", "director")
    if codes is not None:
        items = items.filter(code__in=codes)
    if committee is not None:
        items = items.filter(committee__abbreviation=committee, cross_cutting=False)
    return list(items.order_by("code"))


def _key_case(demo: _Demo) -> None:
    case = services.case_create(
        number=KEY_CASE, title=PLAN_TITLE, kle_number="00.30.10-S00-1-24",
        routing=[demo.bodies["ØK"], demo.bodies["KB"]],
        items=_plan_items(["TV-01", "TV-02", "TV-03", "TV-04", "TV-06", "H1-02"]),
        user=demo.user,
    )  # fmt: skip
    demo.case_numbers.add(KEY_CASE)
    attachments = [
        ("Udmøntningsplan 2025-2028 til ØK og KB i december", "151433/24", False, "plan"),
        ("Strategisk udmøntningsplan 2025-2028", "146522/24", False, "strategic"),
    ]
    finance = _meeting_on(demo, "ØK", datetime.date(2024, 12, 3))
    _add(demo, finance, Spec(
        case=case,
        fields={
            "case_presentation": KEY_PRESENTATION, "policy_context": KEY_POLICY,
            "financial_consequences": "Ingen.", "recommended_by": "Kommunaldirektøren",
            "recommendation": "Kommunaldirektøren indstiller, at den samlede udmøntningsplan "
                              "med den strategiske og faste del drøftes og godkendes.",
        },
        decision="Tiltrådt.",
        not_participating=[_member(demo, "ØK", "Martin Kirk")],
        attachments=attachments,
    ))  # fmt: skip
    council = _meeting_on(demo, "KB", datetime.date(2024, 12, 11))
    _add(demo, council, Spec(
        case=case, fields={}, decision="Godkendt.",
        not_participating=[_member(demo, "KB", "Michael Brøndum")], attachments=attachments,
    ))  # fmt: skip
    demo.absences[council.pk] = {
        _member(demo, "KB", "Pia Nørgaard"): "apologies",
        _member(demo, "KB", "Julie Bundgaard"): "apologies",
    }
    main = _meeting_in(demo, "HU", 2025, 3)
    _add(demo, main, Spec(
        case=case,
        fields={
            "treatment": AgendaItem.Treatment.DISCUSSION, "recommended_by": "Formanden",
            "recommendation": "Formanden indstiller, at Hovedudvalget har en dialog om "
                              "Udmøntningsplan 2025-2028.",
        },
        decision=MAIN_COMMITTEE_DECISION, attachments=attachments,
    ))  # fmt: skip
    demo.absences[main.pk] = {
        _member(demo, "HU", "Jonas Kroustrup"): "apologies",
        _member(demo, "HU", "Anne-Marie Bentzen"): "apologies",
    }


DIRECTOR_OF = {
    "AU": "Fællesforvaltningsdirektøren", "BUU": "Velfærdsdirektøren",
    "MTU": "Fællesforvaltningsdirektøren", "VPU": "Velfærdsdirektøren",
    "KFU": "Velfærdsdirektøren", "EU": "Kommunaldirektøren", "ØK": "Kommunaldirektøren",
}  # fmt: skip


def _extracts(demo: _Demo) -> None:
    """Each committee's orientation on its extract in January 2025 (seed 003)."""
    cross_cutting = [i for i in _plan_items() if i.cross_cutting]
    for n, abbreviation in enumerate(("AU", "BUU", "MTU", "VPU", "KFU", "EU")):
        body = demo.bodies[abbreviation]
        own = _plan_items(committee=abbreviation)
        case = _case(demo, year=2025, title=PLAN_TITLE, routing=[abbreviation],
                     items=own + cross_cutting)  # fmt: skip
        director = DIRECTOR_OF[abbreviation]
        genitive = body.name + ("s" if not body.name.endswith("s") else "")
        meeting = _meeting_in(demo, abbreviation, 2025, 1)
        _add(demo, meeting, Spec(
            case=case,
            fields={
                "treatment": AgendaItem.Treatment.ORIENTATION,
                "case_presentation": EXTRACT_PRESENTATION.format(genitive=genitive),
                "policy_context": EXTRACT_POLICY,
                "financial_consequences": "Ingen økonomiske konsekvenser.",
                "legal_basis": EXTRACT_LEGAL, "recommended_by": director,
                "recommendation": f"{director} indstiller, at orienteringen om "
                                  f"udmøntningsplanen for budget 2025 for {genitive} område "
                                  "godkendes.",
            },
            decision="Godkendt.",
            attachments=[(f"{abbreviation} Udmøntningsplan 2025-2028", f"{127800 + n}/24", False,
                          f"extract:{abbreviation}")],
        ))  # fmt: skip


# --- Cases from the plan ----------------------------------------------------------------------

QUARTER_MONTHS = {1: (2, 3), 2: (4, 5, 6), 3: (8, 9), 4: (10, 11)}


def _plan_cases(demo: _Demo) -> None:
    """A case for each plan item that needs political treatment, through its committee and on
    to ØK and KB where the item says so; decided cases get the decision in the item history."""
    items = (
        Item.objects.filter(plan__name=PLAN_TITLE, needs_political_treatment=True)
        .select_related("committee", "director")
        .prefetch_related("political_bodies")
        .order_by("code")
    )
    for item in items:
        if item.timing_year not in YEARS:
            continue
        month = item.timing_month or demo.rng.choice(QUARTER_MONTHS[item.timing_quarter or 4])
        committee = item.committee.abbreviation
        first = _meeting_in(demo, committee, item.timing_year, 8 if month == 7 else month)
        if first is None or first.date < PLAN_CASES_FROM:
            continue
        on_routing = {b.abbreviation for b in item.political_bodies.all()} | {committee}
        routing = [a for a in (committee, "ØK", "KB") if a in on_routing]
        case = _case(demo, year=first.date.year, title=item.title, routing=routing, items=[item])
        director = (item.director.title if item.director else "Kommunaldirektør") + "en"
        rest = [demo.bodies[a].name for a in routing[1:]]
        recommendation = (
            f"{director} indstiller, at {demo.bodies[committee].name} over for "
            f"{' og '.join(rest)} anbefaler, at oplægget godkendes."
            if rest
            else f"{director} indstiller, at oplægget godkendes."
        )
        fields = {
            "case_presentation": (
                f"Det fremgår af udmøntningsplanen for budget 2025-2028, at indsatsen {item.code} "
                f'"{item.title}" forelægges {demo.bodies[committee].name}.\n\n'
                f"{item.description}\n\n{item.process}"
            ),
            "policy_context": item.cross_cutting_aspects,
            "financial_consequences": _financial_text(item),
            "recommended_by": director,
            "recommendation": recommendation,
        }
        meeting, decided_on = first, None
        for step, abbreviation in enumerate(routing):
            if step:
                if decided_on is None or decided_on > TODAY - datetime.timedelta(days=21):
                    break  # the next body has not got it yet: the case is "awaiting"
                meeting = _next_meeting(demo, abbreviation, decided_on, gap=5)
                if meeting is None:
                    break
            last = step == len(routing) - 1
            decision = "Godkendt." if last else "Anbefales."
            not_participating = []
            if demo.rng.random() < 0.1:
                not_participating = [demo.rng.choice(demo.members[abbreviation])]
            _add(
                demo,
                meeting,
                Spec(
                    case=case,
                    fields=fields if not step else {},
                    decision=decision,
                    not_participating=not_participating,
                ),
            )
            decided_on = meeting.date if meeting.date < TODAY else None


def _financial_text(item: Item) -> str:
    if item.kind == Item.Kind.CAPITAL_PROJECT and item.amount_1 is not None:
        total = (item.amount_1 or 0) + (item.amount_2 or 0)
        text = f"Anlægsprojektet har en samlet udgift på {number(total)} t.kr. i 2025-2026."
        if item.derived_3:
            text += f" Den afledte drift udgør {number(item.derived_3)} t.kr. årligt fra 2027."
        return text
    amounts = [item.amount_1, item.amount_2, item.amount_3, item.amount_4]
    if all(a is None for a in amounts):
        return "Ingen."
    cells = " | ".join(number(a) if a is not None else "" for a in amounts)
    return (
        "Indsatsen indgår i budget 2025-2028 med følgende beløb (1.000 kr.):\n\n"
        f"| 2025 | 2026 | 2027 | 2028 |\n|---|---|---|---|\n| {cells} |"
    )


def _closed_cases(demo: _Demo) -> None:
    """Closed items ("Lukket sag"): never published, seen by the body's own users only."""
    personnel = _case(demo, year=2026, title="Personalesag", routing=["AU"], closed=True)
    meeting = _meeting_in(demo, "AU", 2026, 10)
    _add(demo, meeting, Spec(
        case=personnel,
        fields={
            "case_presentation": "Sagen vedrører en konkret personalesag i Jobcenter Norddjurs. "
                                 "Sagsfremstillingen er fortrolig.",
            "recommended_by": "Fællesforvaltningsdirektøren",
            "recommendation": "Fællesforvaltningsdirektøren indstiller, at orienteringen tages "
                              "til efterretning.",
            "treatment": AgendaItem.Treatment.ORIENTATION,
        },
        decision="Taget til efterretning.",
        attachments=[("Notat om personalesagen", "98213/26", True, "closed:personnel")],
    ))  # fmt: skip
    sale = _case(demo, year=2026, title="Salg af erhvervsgrund ved Grenaa Havn",
                 routing=["ØK", "KB"], closed=True)  # fmt: skip
    fields = {
        "case_presentation": "En virksomhed har givet bud på en erhvervsgrund i "
                             "erhvervsområdet ved Grenaa Havn. Buddet og forhandlingerne er "
                             "fortrolige, indtil købsaftalen er underskrevet.",
        "financial_consequences": "Salgsprovenuet indgår i anlægsbudgettet.",
        "legal_basis": "Bekendtgørelse om offentligt udbud ved salg af kommunens faste ejendomme.",
        "recommended_by": "Kommunaldirektøren",
        "recommendation": "Kommunaldirektøren indstiller, at grunden sælges på de vilkår, der "
                          "fremgår af sagen.",
    }  # fmt: skip
    finance = _meeting_in(demo, "ØK", 2026, 10)
    _add(demo, finance, Spec(case=sale, fields=fields, decision="Anbefales.",
                             attachments=[("Udkast til købsaftale", "101455/26", True,
                                           "closed:sale")]))  # fmt: skip
    council = _next_meeting(demo, "KB", finance.date)
    _add(demo, council, Spec(case=sale, fields={}, decision="Godkendt."))


def _regular_items(demo: _Demo) -> None:
    """Puts "Meddelelser" last on the meetings that are filled in (see the module docstring)
    and those coming soon; Hovedudvalget gets two of its own topics instead."""
    for abbreviation, meetings in demo.meetings.items():
        for meeting in meetings:
            if abbreviation == "DIR" or meeting.date > TODAY + PREPARED_AHEAD:
                continue
            if meeting.date < HISTORY_FROM and meeting.pk not in demo.agenda:
                continue
            if abbreviation == "HU":
                for title, decision in demo.rng.sample(MAIN_COMMITTEE_TOPICS, 2):
                    _add(demo, meeting, Spec(fields={
                        "title": title, "treatment": AgendaItem.Treatment.DISCUSSION,
                        "case_presentation": "Punktet drøftes på baggrund af det udsendte "
                                             "materiale.",
                        "recommended_by": "Formanden",
                        "recommendation": "Formanden indstiller, at punktet drøftes.",
                    }, decision=decision))  # fmt: skip
                continue
            _add(demo, meeting, Spec(fields={
                "title": "Meddelelser", "treatment": AgendaItem.Treatment.ORIENTATION,
                "case_presentation": demo.rng.choice(NEWS[abbreviation]),
            }, decision="Taget til efterretning."))  # fmt: skip
            if meeting.date < TODAY and demo.rng.random() < 0.25:
                member = demo.rng.choice(demo.members[abbreviation])
                demo.absences.setdefault(meeting.pk, {}).setdefault(member, "apologies")


# --- Direktionen (seed 004) --------------------------------------------------------------------


def _standing_items(demo: _Demo) -> None:
    for number_, title, kind, texts in STANDING_ITEMS:
        services.standing_item_save(body=demo.bodies["DIR"], number=number_, title=title,
                                    kind=kind, user=demo.user, **texts)  # fmt: skip


def _board_dates() -> list[datetime.date]:
    dates = []
    day = _nth_weekday(YEARS[0], 1, 2, 1)
    while day.year <= YEARS[-1]:
        holiday = (
            day.month == 7 or (day.month, day.day) >= (12, 22) or day <= day.replace(month=1, day=2)
        )
        if not holiday:
            dates.append(day)
        day += datetime.timedelta(days=7)
    return dates


def _board_topics(demo: _Demo) -> None:
    for weeks, title, description in BOARD_TOPICS:
        planned_for = None if weeks is None else TODAY + datetime.timedelta(weeks=weeks)
        services.planned_topic_add(body=demo.bodies["DIR"], title=title, description=description,
                                   planned_for=planned_for, user=demo.user)  # fmt: skip


def _board_meeting(demo: _Demo, date: datetime.date) -> Meeting:
    start, end, place = BOARD_SLOT
    meeting = services.meeting_create(
        body=demo.bodies["DIR"], date=date, start_time=datetime.time(*start),
        end_time=datetime.time(*end), place=place, from_template=True, user=demo.user,
    )  # fmt: skip
    demo.meetings["DIR"].append(meeting)
    items = {item.number: item for item in meeting.items.all()}
    treatment = items[3]
    if "|  | " in treatment.case_presentation:
        times = iter(TODAY_TIMES if date == TODAY else ["10.00", "10.45", "11.15", "11.45"])
        lines = [
            line.replace("|  | ", f"| {next(times, '')} | ", 1)
            if line.startswith("|  | ")
            else line
            for line in treatment.case_presentation.splitlines()
        ]
        services.agenda_item_update(item=treatment, fields={"case_presentation": "\n".join(lines)},
                                    expected_version=None, user=demo.user)  # fmt: skip
    if date == TODAY:
        _board_today(demo, items)
    return meeting


def _board_today(demo: _Demo, items: dict[int, AgendaItem]) -> None:
    """The board meeting of "today", filled in like seed 004."""
    review = items[1]
    review_text = review.case_presentation.replace(
        "Opsamling på forudgående møder, aktiviteter samt formål",
        "Opsamling på forudgående møder, aktiviteter samt formål\n\n"
        "- Temadag for Hovedudvalget d. 19. november\n- KKR-møde d. 20. november\n"
        "- Dialogmøde mellem borgmester, direktion og aftaleholdere d. 24. november",
    ).replace(
        "Kommende møder, aktiviteter samt formål",
        "Kommende møder, aktiviteter samt formål\n\n"
        "- Styregruppemøde med Aarhus Universitet d. 26. november\n"
        "- Hovedudvalgets arbejdsmiljødag d. 27. november\n"
        "- Direktionsseminar om udmøntningsplan 2027-2030 d. 2. december",
    )  # fmt: skip
    services.agenda_item_update(item=review, fields={"case_presentation": review_text},
                                expected_version=None, user=demo.user)  # fmt: skip
    economy = services.agenda_item_update(
        item=items[2],
        fields={
            "case_presentation": ECONOMY_FIXED + "\n\n- Oplæg til tidsplan for "
            "budgetopfølgninger i 2027\n- Oplæg til skabelon for aftalestyring 2027\n\n"
            "Bilag er vedlagt.",
            "participants": "Økonomichef Bettina Andersen deltager under punktet.",
        },
        expected_version=None, user=demo.user,
    )  # fmt: skip
    _attach(demo, economy, "Notat Tidsplan for budgetopfølgning 2027", "116728/26", False,
            "budget-timetable")  # fmt: skip
    _attach(demo, economy, "Forventet regnskab 2026 – fortroligt notat", "116731/26", True,
            "closed:forecast")  # fmt: skip
    _attach(demo, items[3], "Anerkendelse af gennemført DOL", "115878/26", False, "dol")
    _attach(demo, items[3], "Pilotprojekter med generativ kunstig intelligens", "116679/26",
            False, "ai")  # fmt: skip


# --- Running the calendar ---------------------------------------------------------------------


def _run(demo: _Demo) -> None:
    """Every meeting in date order: its agenda, then (if past) decisions and approved minutes.

    Date order matters: a case's item copies its sections from the body that treated it
    before, and Direktionen's template reads the calendar and the forward plan as they are.
    """
    entries: list[tuple[datetime.date, datetime.time | None, int, Meeting | None]] = [
        (m.date, m.start_time, m.body.position, m) for ms in demo.meetings.values() for m in ms
    ]
    entries += [(d, datetime.time(*BOARD_SLOT[0]), demo.bodies["DIR"].position, None)
                for d in _board_dates() if d >= HISTORY_FROM]  # fmt: skip
    _board_topics(demo)  # before the first template-built meeting; dated from October 2026
    for date, _start, _position, meeting in sorted(entries, key=lambda e: e[:3]):
        if meeting is None:
            meeting = _board_meeting(demo, date)
        elif meeting.body.abbreviation == "DIR":
            continue  # a plain calendar entry
        for spec in demo.agenda.get(meeting.pk, []):
            item = services.agenda_item_add(meeting=meeting, case=spec.case, fields=spec.fields,
                                            user=demo.user)  # fmt: skip
            spec.item = item
            for title, document_number, closed, kind in spec.attachments:
                _attach(demo, item, title, document_number, closed, kind)
        if date > TODAY + PUBLISHED_AHEAD or not meeting.items.exists():
            continue
        services.meeting_publish_agenda(meeting=meeting, user=demo.user)
        if date >= TODAY:
            continue
        if meeting.pk in demo.absences:
            services.meeting_set_absences(meeting=meeting, absences=demo.absences[meeting.pk],
                                          user=demo.user)  # fmt: skip
        if meeting.body.abbreviation == "DIR":
            for item in meeting.items.all():
                # The closing item keeps its text when the annual cycle adds an item before it.
                number = 4 if item.standing == StandingKind.FORWARD_PLAN else item.number
                services.decision_record(item=item, text=BOARD_DECISIONS.get(number, "Drøftet."),
                                         user=demo.user)  # fmt: skip
        for spec in demo.agenda.get(meeting.pk, []):
            assert spec.item is not None  # put on the agenda when its meeting was made
            services.decision_record(
                item=spec.item,
                text=spec.decision,
                not_participating=spec.not_participating,
                user=demo.user,
            )
        services.meeting_approve_minutes(meeting=meeting, user=demo.user)


# --- Attachments ------------------------------------------------------------------------------


def _attach(demo, item, title, document_number, closed, kind) -> None:
    services.attachment_add(item=item, title=title, upload=_pdf(title, document_number, kind),
                            closed=closed, document_number=document_number,
                            user=demo.user)  # fmt: skip


def _pdf(title: str, document_number: str, kind: str) -> SimpleUploadedFile:
    """A small real PDF for an attachment, typeset by the documents' engine (Typst)."""
    filename = "".join(c if c.isalnum() else "-" for c in title.lower()).strip("-") + ".pdf"
    content = _pdf_content(title, document_number, kind)
    return SimpleUploadedFile(filename, content, content_type="application/pdf")


@functools.cache
def _pdf_content(title: str, document_number: str, kind: str) -> bytes:
    from documents.pdf import note_pdf

    text = richtext.from_html(_pdf_body(kind))
    context = f"Norddjurs Kommune · Dokument {document_number}"
    return note_pdf(title=title, context=context, text=text, author="Norddjurs Kommune")


def _pdf_body(kind: str) -> str:
    if kind == "plan":
        counts: dict[str, int] = {}
        for item in _plan_items():
            counts[item.committee.name] = counts.get(item.committee.name, 0) + 1
        rows = "".join(f"<li>{escape(name)}: {n} indsatser</li>" for name, n in counts.items())
        return (
            "<p>Udmøntningsplanen for budget 2025-2028 omfatter samtlige emner fra "
            "budgetaftalen: driftsændringer, råderumsforslag, anlægsprojekter og "
            f"hensigtserklæringer.</p><ul>{rows}</ul>"
        )
    if kind.startswith("extract:"):
        committee = kind.split(":", 1)[1]
        items = [
            i for i in _plan_items() if i.committee.abbreviation == committee or i.cross_cutting
        ]
        rows = "".join(f"<li>{escape(i.code)} {escape(i.title)}</li>" for i in items)
        return f"<p>Udvalgets egne punkter og de tværgående punkter:</p><ul>{rows}</ul>"
    if kind == "strategic":
        return (
            "<p>Den strategiske overbygning på den faste udmøntningsplan: temaer, Kursen for "
            "2025 og Koordinering og Commitment (KKC).</p><ul>"
            "<li>Økonomi og budget i balance</li><li>Rekruttering, fastholdelse og HR</li>"
            "<li>Klima og den grønne omstilling</li><li>Samarbejder og partnerskaber</li>"
            "<li>Samskabelse og borgerens møde med kommunen</li></ul>"
        )
    if kind == "budget-timetable":
        return (
            "<table><tr><th>Budgetopfølgning</th><th>Direktionen</th><th>ØK</th></tr>"
            "<tr><td>Pr. 31. marts 2027</td><td>21. april</td><td>11. maj</td></tr>"
            "<tr><td>Pr. 30. juni 2027</td><td>18. august</td><td>24. august</td></tr>"
            "<tr><td>Pr. 30. september 2027</td><td>20. oktober</td><td>16. november</td></tr>"
            "</table>"
        )
    if kind.startswith("closed:"):
        return "<p><strong>Fortroligt.</strong> Bilaget er lukket og offentliggøres ikke.</p>"
    return f"<p>Notat til Direktionens møde {escape(long_date(TODAY))}.</p>"
