"""Search over 100,000 agenda items against a plain substring scan of the same data.

The index is filled straight into its tables (search_entry, and search_fts on SQLite or the
danish tsvector on PostgreSQL) with generated Danish agenda text of 1-3 KB per item, spread
over the bodies and twelve years, one in twenty closed and four in five public. Twenty typical
queries then go through `search.selectors.search`, the function the search pages call
(ranking, counting and snippets included), as a body secretary (the permission filter with
closed access) and as the public portal. The baseline answers the same question the slow way:
the same filters and `LIKE '%word%'` for every word, counting all matches and returning the
newest 50.

SQLite runs in the benchmark's own temporary database. PostgreSQL runs in a subprocess on a
database of its own (test_kursen_bench_search, created beside the one named and dropped):

    python -m bench.search --postgres-url postgres://postgres@127.0.0.1:5432/postgres
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
ITEMS = 100_000
REPEAT = 5
SCAN_REPEAT = 2
P95_MAX = 0.050
MIN_RATIO = 20.0
DATABASE = "kursen_bench_search"

QUERIES = [
    "udmøntningsplan", "rekruttering", "børn", "budgetopfølgning", "klima", "skole",
    "ældrepleje", "lokalplan", "anlægsbevilling", "daginstitution", "kollektiv trafik",
    "børn og unge", "budgetopfølgning pr. 31. marts", "sundhed", "beskæftigelse",
    "affaldssortering", "havnen i grenaa", "digitalisering af sagsbehandlingen",
    "vedligeholdelse af veje", "integration flygtninge",
]  # fmt: skip


@dataclass
class Timing:
    times: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.times) if self.times else float("nan")

    @property
    def p95(self) -> float:
        if not self.times:
            return float("nan")
        ordered = sorted(self.times)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


@dataclass
class EngineResult:
    database: str
    items: int = 0
    load_seconds: float = 0.0
    text_mb: float = 0.0
    mean_hits: float = 0.0
    staff: Timing = field(default_factory=Timing)
    public: Timing = field(default_factory=Timing)
    scan: Timing = field(default_factory=Timing)
    error: str = ""

    @property
    def ratio(self) -> float:
        return self.scan.median / self.staff.median if self.staff.times else float("nan")


@dataclass
class SearchResult:
    engines: list[EngineResult]


# --- Generated agenda text ------------------------------------------------------------------

TOPICS = [
    "udmøntningsplanen 2025-2028", "rekruttering af social- og sundhedsassistenter",
    "budgetopfølgning pr. 31. marts", "budgetopfølgning pr. 30. juni", "klimahandlingsplanen",
    "DK2020 klimaplan", "skolestrukturen i Djursland", "folkeskolens udskoling",
    "børn og unge med særlige behov", "dagtilbud og daginstitutioner", "ældreplejen",
    "hjemmeplejen i yderområderne", "kollektiv trafik og busruter", "affaldssortering",
    "vandløbsregulativer", "lokalplan for boligområde", "anlægsbevilling til ny hal",
    "havnen i Grenaa", "digitalisering af sagsbehandlingen", "sundhedsaftalen med regionen",
    "beskæftigelsesindsatsen for ledige", "integration af flygtninge", "vedligeholdelse af veje",
    "cykelstier langs landevejene", "bygningsvedligeholdelse", "energirenovering af skoler",
    "turismestrategien", "erhvervsfremme", "kulturhuset", "bibliotekernes åbningstider",
    "misbrugsbehandling", "psykiatri og handicap", "forebyggelse blandt unge",
    "takster for 2026", "regnskab 2024", "overførsler mellem årene", "låneoptagelse",
    "kystsikring", "spildevandsplanen", "naturgenopretning", "sygefravær blandt medarbejdere",
    "arbejdsmiljø", "MED-organisationen", "personalepolitikken", "indkøbsaftaler",
    "udbud af rengøring", "boligsocial helhedsplan", "landdistriktspolitikken",
    "frivillige foreninger", "idrætsfaciliteter",
]  # fmt: skip
SENTENCES = [
    "Administrationen indstiller, at {udvalg} godkender {emne}.",
    "Sagen vedrører {emne}, som blev drøftet på mødet i {måned}.",
    "Der er i budgettet for {år} afsat {beløb} mio. kr. til {emne}.",
    "Forvaltningen har sammen med {udvalg} udarbejdet et oplæg om {emne}.",
    "Det forventes, at {emne} vil få betydning for borgerne i hele kommunen.",
    "Økonomiske konsekvenser: Udgiften på {beløb} mio. kr. finansieres inden for rammen.",
    "Lovgrundlag: Kommunestyrelsesloven og lov om social service.",
    "Sammenhæng til andre politikker: Sagen understøtter {emne} og kommunens vision.",
    "Der henvises til bilag {bilag}, hvor {emne} er beskrevet nærmere.",
    "Høringssvarene fra MED-udvalgene viser opbakning til {emne}.",
    "{udvalg} besluttede den {dag}. {måned} {år} at sende {emne} i høring.",
    "Den foreløbige vurdering er, at {emne} kan gennemføres i {år}.",
    "Der er behov for en tværgående indsats om {emne} på tværs af forvaltningerne.",
    "Projektet følges tæt, og der afrapporteres kvartalsvis til {udvalg}.",
    "Borgerne inddrages gennem dialogmøder om {emne} i efteråret.",
    "Indstillingen er i overensstemmelse med budgetaftalen for {år}.",
]  # fmt: skip
BODIES = ["Økonomiudvalget", "Kommunalbestyrelsen", "Børne- og Ungdomsudvalget",
          "Arbejdsmarkedsudvalget", "Teknik- og Miljøudvalget", "Social- og Sundhedsudvalget",
          "Kultur- og Udviklingsudvalget", "Ældreudvalget", "Klima- og Miljøudvalget",
          "Direktionen", "Hovedudvalget", "Folkeoplysningsudvalget"]  # fmt: skip
MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "august", "september",
          "oktober", "november", "december"]  # fmt: skip


# Sentences that name no topic: the boilerplate of every Danish agenda item.
GENERIC = [
    "Lovgrundlag: Kommunestyrelsesloven og lov om social service.",
    "Økonomiske konsekvenser: Udgiften på {beløb} mio. kr. finansieres inden for rammen.",
    "Indstillingen er i overensstemmelse med budgetaftalen for {år}.",
    "Sagen har været drøftet i Direktionen den {dag}. {måned} {år}.",
    "Administrationen vurderer, at sagen ikke har konsekvenser for personalet.",
    "Der er ingen bemærkninger fra det centrale MED-udvalg.",
    "Projektet følges tæt, og der afrapporteres kvartalsvis til {udvalg}.",
]  # fmt: skip


def _sentence_pool(rng: random.Random, topic: str, size: int) -> list[tuple[str, str]]:
    """(text, SQLite stems) of generated sentences about one topic, stemmed once."""
    from search import text as words

    pool = []
    for _ in range(size):
        template = rng.choice(SENTENCES) if topic else rng.choice(GENERIC)
        sentence = template.format(
            udvalg=rng.choice(BODIES), emne=topic, måned=rng.choice(MONTHS),
            år=rng.randint(2015, 2027), beløb=f"{rng.randint(1, 250) / 10:.1f}".replace(".", ","),
            bilag=rng.randint(1, 9), dag=rng.randint(1, 28),
        )  # fmt: skip
        pool.append((sentence, words.stems(sentence)))
    return pool


def _document(rng: random.Random, own: list, others: list, generic: list) -> list:
    """An item's sentences: mostly about its own topic, some boilerplate, now and then a
    mention of another topic (one item in three)."""
    count = rng.randint(8, 24)
    chosen = [rng.choice(own) if rng.random() < 0.6 else rng.choice(generic) for _ in range(count)]
    if rng.random() < 0.33:
        chosen.insert(rng.randrange(len(chosen)), rng.choice(rng.choice(others)))
    return chosen


def fill(items: int = ITEMS, seed: int = 2025) -> tuple[float, float]:
    """Write the entries of `items` agenda items straight into the index tables; returns
    (seconds, MB of text)."""
    from django.db import connection, transaction

    from organisation.models import Body
    from search import text as words
    from search.models import Entry, EntryText, Kind

    rng = random.Random(seed)
    pools = [_sentence_pool(rng, topic, 80) for topic in TOPICS]
    generic = _sentence_pool(rng, "", 300)
    topics = [(t, words.stems(t), pool) for t, pool in zip(TOPICS, pools, strict=True)]
    bodies = list(Body.objects.values_list("pk", flat=True))
    started = time.perf_counter()
    total_chars = 0
    batch = 5000
    with transaction.atomic():
        # After the demo plan's own entries (its items are indexed as they are saved).
        next_id = (Entry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        for first in range(0, items, batch):
            entries, texts, word_rows = [], [], []
            for n in range(first, min(items, first + batch)):
                topic, topic_stems, own = rng.choice(topics)
                chosen = _document(rng, own, pools, generic)
                text = " ".join(c[0] for c in chosen)
                title = f"{rng.randint(1, 30)}. {topic[0].upper()}{topic[1:]}"
                year = rng.randint(2015, 2026)
                closed = rng.random() < 0.05
                public = not closed and rng.random() < 0.85
                date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                entries.append(Entry(
                    id=next_id, kind=Kind.AGENDA_ITEM, object_id=1_000_000 + n, title=title,
                    url=f"/punkter/{n + 1}/", public_url=f"/offentlig/moede/{n // 20 + 1}/",
                    body_id=rng.choice(bodies), year=year, date=date,
                    status="minutes_approved" if public else "planned",
                    closed=closed, public=public,
                ))  # fmt: skip
                texts.append(EntryText(entry_id=next_id, text=text))
                word_rows.append((next_id, f"{title.split('. ', 1)[0]} {topic_stems}",
                                  " ".join(c[1] for c in chosen)))  # fmt: skip
                total_chars += len(text)
                next_id += 1
            Entry.objects.bulk_create(entries)
            EntryText.objects.bulk_create(texts)
            if connection.vendor == "sqlite":
                with connection.cursor() as cursor:
                    cursor.executemany(
                        "INSERT INTO search_fts (rowid, title, text) VALUES (%s, %s, %s)",
                        word_rows,
                    )
    if connection.vendor == "postgresql":
        # After the commit (PostgreSQL builds no index on a table with pending deferred
        # checks); the GIN index is built once at the end, as a restore would.
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX IF EXISTS search_entry_vector_gin")
            cursor.execute(
                "UPDATE search_entry SET vector = setweight(to_tsvector('danish', title), "
                "'A') || setweight(to_tsvector('danish', search_entrytext.text), 'B') "
                "FROM search_entrytext WHERE search_entrytext.entry_id = search_entry.id"
            )
            cursor.execute(
                "CREATE INDEX search_entry_vector_gin ON search_entry USING gin (vector)"
            )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return time.perf_counter() - started, total_chars / 1e6


def _scan(query: str, user) -> list:
    """The baseline: the same permission filter, every word as a substring, all matches
    counted, the newest 50 fetched."""
    from django.db.models import Count, Q, Window

    from search import selectors
    from search.models import Entry

    entries = Entry.objects.filter(selectors.visible_q(user))
    for word in query.split():
        entries = entries.filter(Q(title__contains=word) | Q(content__text__contains=word))
    ranked = list(
        entries.annotate(total=Window(Count("id")))
        .order_by("-date")
        .values_list("pk", "total")[:50]
    )
    return list(Entry.objects.select_related("body").in_bulk([pk for pk, _ in ranked]).values())


def measure(database: str) -> EngineResult:
    """Fill the index and time the queries; runs inside a Django set up on a fresh database."""
    from django.contrib.auth.models import User

    from bench.data import reference_data
    from search.selectors import search

    reference_data()
    user = User.objects.get(username="redaktor")  # a body secretary: closed access for some
    result = EngineResult(database=database, items=ITEMS)
    result.load_seconds, result.text_mb = fill()
    hits = []
    for query in QUERIES:  # warm-up
        hits.append(search(query=query, user=user).total)
        search(query=query, public=True)
        _scan(query, user)
    result.mean_hits = statistics.mean(hits)
    for _ in range(REPEAT):
        for query in QUERIES:
            started = time.perf_counter()
            search(query=query, user=user)
            result.staff.times.append(time.perf_counter() - started)
            started = time.perf_counter()
            search(query=query, public=True)
            result.public.times.append(time.perf_counter() - started)
    for _ in range(SCAN_REPEAT):
        for query in QUERIES:
            started = time.perf_counter()
            _scan(query, user)
            result.scan.times.append(time.perf_counter() - started)
    return result


def run(*, postgres_url: str | None) -> SearchResult:
    """SQLite here (the benchmark's database), PostgreSQL in a subprocess when given a URL."""
    from django.db import connection

    engines = [measure(f"SQLite {connection.Database.sqlite_version}")]  # type: ignore[attr-defined]
    if postgres_url:
        engines.append(_postgres(postgres_url))
    return SearchResult(engines=engines)


def _postgres(url: str) -> EngineResult:
    print("Search on PostgreSQL (a database of its own) ...", flush=True)
    command = [sys.executable, "-m", "bench.search", "--postgres-url", url, "--json"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=3600)
    if done.returncode != 0:
        return EngineResult(database="PostgreSQL", error=done.stderr.strip()[-300:])
    data = json.loads(done.stdout.strip().splitlines()[-1])
    for name in ("staff", "public", "scan"):
        data[name] = Timing(**data[name])
    return EngineResult(**data)


def _in_own_database(url: str) -> EngineResult:
    """Measure on PostgreSQL: Django creates test_<DATABASE> beside the named server's
    databases and drops it afterwards."""
    from bench.environment import django_environment

    parts = urlsplit(url)
    own = urlunsplit(parts._replace(path=f"/{DATABASE}"))
    with django_environment(own) as machine:
        return measure(machine.get("Database", "PostgreSQL"))


def table(result: SearchResult) -> list[str]:
    """The results as report.py prints its tables."""
    from bench.report import _table

    header = ["Database", "search p50 ms", "search p95 ms", "portal p50 ms", "portal p95 ms",
              "scan p50 ms", "scan p95 ms", "scan/search"]  # fmt: skip
    rows = []
    for e in result.engines:
        if e.error:
            rows.append([e.database, "error: " + e.error.splitlines()[-1][:60], *[""] * 6])
            continue
        rows.append([
            e.database, f"{e.staff.median * 1000:,.1f}", f"{e.staff.p95 * 1000:,.1f}",
            f"{e.public.median * 1000:,.1f}", f"{e.public.p95 * 1000:,.1f}",
            f"{e.scan.median * 1000:,.1f}", f"{e.scan.p95 * 1000:,.1f}", f"{e.ratio:,.0f}x",
        ])  # fmt: skip
    loaded = [e for e in result.engines if not e.error]
    notes = [
        f"{ITEMS:,} agenda items of generated Danish text "
        + (f"({loaded[0].text_mb:,.0f} MB, 1-3 KB each)" if loaded else ""),
        f"{len(QUERIES)} typical queries ({', '.join(QUERIES[:6])}, ...), each {REPEAT} times",
        "through search.selectors.search as a body secretary (search) and the public (portal):",
        "ranking, count, top 50 with snippets. Scan: the same filter and LIKE '%word%' for each",
        f"word, count and newest 50, each query {SCAN_REPEAT} times.",
        *(f"{e.database}: index filled in {e.load_seconds:,.0f} s; "
          f"{e.mean_hits:,.0f} matches per query on average" for e in loaded),
    ]  # fmt: skip
    return _table(f"Search ({ITEMS:,} agenda items)", header, rows, notes)


def targets(result: SearchResult) -> list:
    from bench.report import Target

    found = []
    for e in result.engines:
        if e.error:
            found.append(Target(f"Search runs on {e.database}", e.error[:60], False))
            continue
        found.append(Target(f"{e.database}: search p95 <= {P95_MAX * 1000:.0f} ms",
                            f"{e.staff.p95 * 1000:.1f} ms", e.staff.p95 <= P95_MAX))  # fmt: skip
        found.append(Target(f"{e.database}: search >= {MIN_RATIO:.0f}x faster than LIKE scan",
                            f"{e.ratio:,.0f}x", e.ratio >= MIN_RATIO))  # fmt: skip
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres-url", required=True)
    parser.add_argument("--json", action="store_true", help="print the result as JSON only")
    args = parser.parse_args(argv)
    result = _in_own_database(args.postgres_url)
    if args.json:
        print(json.dumps(asdict(result)))
    else:
        print("\n".join(table(SearchResult(engines=[result]))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
