"""Store what the reader read: bodies, meetings, cases, agenda items, decisions, attachments.

The input is the reader's plain data (``shared/schemas/parsed-document.schema.json``). Every
write goes through ``meetings.services``, so an imported decision is stored by the same code as
a typed-in one: history, the minutes' lock, the plan items' history and the portal's cache all
hold. The import is idempotent: what is already stored as the document says is left alone, so
importing a document twice changes nothing.

How a document becomes records:

- The document's own meeting is its body on its date (the front page, or a page header such as
  "Hovedudvalget 02-03-2023"). Each "Beslutning i <udvalg> den <dato>" of another body is that
  body's meeting on that date, with the case on its agenda: importing the extracts of ØK, KB
  and Hovedudvalget about case 22/291 gives one case with three decisions in date order.
- Cases are joined by their number; an item without a case number is matched in its meeting by
  number and title.
- A published document's meeting is published; a meeting whose decisions are printed gets its
  minutes approved (they were published), which locks them as Kursen locks its own. An earlier
  body's meeting that a meeting's own minutes only quote (FirstAgenda's "Sagens forløb") is
  not approved: its own minutes may be imported later, with all its items.
- Cases are joined by their number; where one document prints a case under several items (a
  standing case), each item is matched by its number or title as well.
- Names of absentees become members of the body (inactive when new: the document does not say
  they are still members).
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from danish.formatting import long_date
from meetings import services
from meetings.access import Access
from meetings.models import AgendaItem, Attachment, Case, Meeting, MeetingState
from organisation import services as organisation_services
from organisation.history import bulk_history
from organisation.models import Body, Member
from organisation.validation import unique_checked_by_database, unique_violation_message
from reading.signals import around_document_import

# Bodies every Danish municipality has under these names, and how their agendas abbreviate them.
KNOWN_BODIES = {
    "kommunalbestyrelsen": ("KB", Body.Kind.COUNCIL),
    "byrådet": ("BR", Body.Kind.COUNCIL),
    "økonomiudvalget": ("ØK", Body.Kind.FINANCE_COMMITTEE),
    "direktionen": ("DIR", Body.Kind.EXECUTIVE_BOARD),
    "hovedudvalget": ("HU", Body.Kind.MED),
}

_KNOWN_ABBREVIATIONS = {abbr.casefold(): name.capitalize()
                        for name, (abbr, _kind) in KNOWN_BODIES.items()}  # fmt: skip

# Section headings as printed, to the agenda item's fields; other headings are kept in the
# case presentation under their own heading.
SECTION_FIELDS = (
    (("sagsfremstilling", "resumé", "resume", "baggrund", "sagens indhold", "beskrivelse"),
     "case_presentation"),
    (("sammenhæng",), "policy_context"),
    (("økonomi",), "financial_consequences"),
    (("lovgrundlag", "retsgrundlag", "lovgivning", "hjemmel"), "legal_basis"),
    (("indstilling", "forslag til beslutning"), "recommendation"),
)  # fmt: skip

ITEM_TEXT_FIELDS = ("case_presentation", "policy_context", "financial_consequences",
                    "legal_basis", "recommendation")  # fmt: skip

# A first word ending so is a title printed before the name, as members lists print directors.
_TITLE_ENDINGS = ("direktør", "chef", "borgmester", "sekretær", "leder", "konsulent")
_RECOMMENDED_BY = re.compile(r"^\s*(\S+(?: \S+)?) indstiller\b")
_PERSON = re.compile(r"^(?P<name>[^()]+?)\s*(?P<extra>(?:\([^()]*\)\s*)*)$")


class ImportFailed(Exception):
    """The document cannot be stored; the message is Danish and names the problem."""


@dataclass
class FileSummary:
    """What importing one file did (or, in a dry run, would do)."""

    source: str
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    changes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    dry_run: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def line(self) -> str:
        """One Danish line: 'seed.txt: oprettet 1 sag, 3 møder …; 1 advarsel'."""
        if self.error:
            return f"{self.source}: FEJL – {self.error}"
        verb = _("ville oprette") if self.dry_run else _("oprettet")
        changed = _("ville ændre") if self.dry_run else _("ændret")
        parts = []
        if self.created:
            parts.append(f"{verb} {_count_text(self.created)}")
        if self.updated:
            parts.append(f"{changed} {_count_text(self.updated)}")
        text = "; ".join(parts) if parts else _("ingen ændringer (findes allerede)")
        if self.warnings:
            n = len(self.warnings)
            text += f"; {n} {'advarsel' if n == 1 else 'advarsler'}"
        return f"{self.source}: {text}"


# Danish nouns for the counts: (singular, plural).
_NOUNS = {
    "body": ("udvalg", "udvalg"),
    "member": ("medlem", "medlemmer"),
    "meeting": ("møde", "møder"),
    "case": ("sag", "sager"),
    "item": ("dagsordenspunkt", "dagsordenspunkter"),
    "decision": ("beslutning", "beslutninger"),
    "attachment": ("bilag", "bilag"),
}


def _count_text(counts: Counter) -> str:
    return ", ".join(
        f"{counts[kind]} {_NOUNS[kind][0] if counts[kind] == 1 else _NOUNS[kind][1]}"
        for kind in _NOUNS
        if counts[kind]
    )


def import_document(parsed: dict, *, user=None, dry_run: bool = False) -> FileSummary:
    """Store one read document, all or nothing. With dry_run, everything is done and then
    rolled back, so the summary says exactly what would change."""
    summary = FileSummary(source=parsed.get("source") or "", dry_run=dry_run)
    try:
        with transaction.atomic():
            # Derived upkeep once per document: the search index, the portal's cache marks,
            # the annual cycle's placements, the history entries (written together, each as
            # its save left the row). Meetings held over a month ago are archive: they mail
            # no one (the publishing system told its readers then).
            # Uniqueness is the database's to check: the document is stored all or nothing,
            # so a write it refuses ends the document (its message below), not a query per
            # save asking first.
            with (
                _without_savepoints(),
                around_document_import(),
                services.touches_deferred(),
                bulk_history(),
                unique_checked_by_database(),
                services.archive_import(),
            ):
                _Import(parsed, user, summary).run()
            if dry_run:
                transaction.set_rollback(True)
    except IntegrityError as error:
        message = unique_violation_message(error)
        if message is None:
            raise
        summary.error = message
        summary.created.clear()
        summary.updated.clear()
    except (ImportFailed, services.WrongState, services.MinutesLocked) as error:
        summary.error = str(error)
        summary.created.clear()
        summary.updated.clear()
    except ValidationError as error:
        summary.error = "; ".join(error.messages)
        summary.created.clear()
        summary.updated.clear()
    except PermissionDenied as error:  # e.g. a case the user may see but not edit
        summary.error = str(error.args[0]) if error.args else _("Du må ikke gemme dokumentet.")
        summary.created.clear()
        summary.updated.clear()
    return summary


@contextmanager
def _without_savepoints() -> Iterator[None]:
    """The services' own atomic blocks inside one document's transaction set no savepoints
    (two round trips each, dozens per document): the document is stored all or nothing, so
    nothing inside is rolled back alone; an error marks the document's transaction for
    rollback, which its own block (a savepoint when it is nested) then does."""
    connection = transaction.get_connection()
    vars(connection)["_savepoint_allowed"] = lambda: False  # SQLite decides by its own method
    try:
        yield
    finally:
        del vars(connection)["_savepoint_allowed"]


class _People:
    """A body's members by name and by name as printed (casefolded), the first of each."""

    def __init__(self) -> None:
        self.by_name: dict[str, Member] = {}
        self.by_display: dict[str, Member] = {}

    def add(self, member: Member) -> None:
        self.by_name.setdefault(member.name.casefold(), member)
        self.by_display.setdefault(member.display_name.casefold(), member)


class _Import:
    def __init__(self, parsed: dict, user, summary: FileSummary):
        self.parsed = parsed
        self.user = user
        self.summary = summary
        self.bodies = bodies_by_name()
        self.new_meetings: set[int] = set()
        # The decisions, recorded together per meeting when the items are stored, and the
        # other bodies' meetings to publish (and approve: True) after them.
        self.decisions: dict[int, list[tuple[AgendaItem, str, list[Member]]]] = {}
        self.pending: dict[tuple[str, int], str] = {}  # item (`_key`): its decision to be
        self.publishing: dict[int, Meeting] = {}  # meetings to send out before the decisions
        self.finishing: dict[int, tuple[Meeting, bool]] = {}
        # The new members by body, and the new attachments by meeting, added together when
        # the items are stored.
        self.new_members: dict[int, tuple[Body, list[Member]]] = {}
        self.new_attachments: dict[int, list[tuple[AgendaItem, dict]]] = {}
        # The new items by meeting, added together (`store_items`); the summary's line of
        # each, written when its number is known; the cases created for the document, by
        # number, until their first item is stored.
        self.new_items: dict[int, list[AgendaItem]] = {}
        self.item_lines: list[tuple[int, AgendaItem, str]] = []
        self.fresh_cases: set[str] = set()
        # What this import has read or written, so each row is asked for once per document:
        # the members of each body, the meetings by body and date, each meeting's items, the
        # cases by number, each item's attachments.
        self.members: dict[int, _People] = {}
        self.meetings: dict[tuple[int, datetime.date], Meeting | None] = {}
        self.items_of: dict[int, list[AgendaItem]] = {}
        self.attachments_of: dict[int, list[Attachment]] = {}
        numbers_read = {(i.get("case_number") or "").strip() for i in parsed.get("items") or []}
        numbers_read.discard("")
        self.cases: dict[str, Case | None] = dict.fromkeys(numbers_read)
        if numbers_read:
            self.cases.update((c.number, c) for c in Case.objects.filter(number__in=numbers_read))
        # Case numbers that more than one item of the document carries (FirstAgenda prints a
        # standing case under several items of one meeting): there an item is matched by its
        # number or title as well as its case, so the items stay apart.
        numbers = Counter((i.get("case_number") or "").strip() for i in parsed.get("items") or [])
        self.shared_cases = {n for n, count in numbers.items() if n and count > 1}

    # -- The document ------------------------------------------------------------------------

    def run(self) -> None:
        parsed = self.parsed
        meeting_data = parsed.get("meeting") or {}
        doc_body = self.body(parsed["body"]) if parsed.get("body") else None
        doc_date = _date(meeting_data.get("date"))
        doc_meeting = None
        self.create_meetings(doc_body, doc_date)
        if doc_body and doc_date:
            doc_meeting = self.meeting(doc_body, doc_date, meeting_data)
        elif parsed.get("items") and not any(i.get("decisions") for i in parsed["items"]):
            raise ImportFailed(
                _(
                    "Dokumentet nævner hverken udvalg og mødedato eller en beslutning med dato, "
                    "så punkterne kan ikke placeres på et møde."
                )  # fmt: skip
            )
        if doc_meeting is not None and doc_meeting.pk not in self.new_meetings:
            self.renumber(doc_meeting)
        self.create_cases()
        for number, data in enumerate(parsed.get("items") or [], start=1):
            self.item(data, number, doc_body, doc_meeting)
        self.store_items()
        self.publish([m for m in self.publishing.values() if m.state == MeetingState.PLANNED])
        self.store_attachments()
        self.store_members()
        self.record_decisions()
        finishing = list(self.finishing.values())
        if doc_meeting is not None:
            finishing.append((doc_meeting, parsed.get("document_type") != "dagsorden"))
        self.finish(finishing)

    def renumber(self, meeting: Meeting) -> None:
        """The meeting's own document numbers its items. An item stored before from another
        meeting's minutes, which quote this meeting's decision on its case ("Sagens forløb"),
        got the next free number then; it takes the number its own meeting gives it, so the
        items after it keep theirs."""
        if meeting.minutes_locked:
            return
        printed: dict[str, int] = {}  # case number: item number
        # A case printed under several items (a standing case): its items by case and title.
        shared: dict[tuple[str, str], int] = {}
        titled: dict[str, int] = {}  # an item without a case: its title, casefolded
        for data in self.parsed.get("items") or []:
            number = (data.get("case_number") or "").strip()
            title = (data.get("title") or "")[:300].casefold()
            if not data.get("number"):
                continue
            if number and number not in self.shared_cases:
                printed[number] = data["number"]
            elif number and title:
                shared[(number, title)] = data["number"]
            elif not number and title:
                titled[title] = data["number"]
        stored = self.meeting_items(meeting)
        wanted = {}
        case_numbers = {c.pk: c.number for c in self.cases.values() if c is not None}
        for item in stored:
            case_number = case_numbers.get(item.case_id) if item.case_id else None
            if case_number in self.shared_cases:
                target = shared.get((case_number, item.title.casefold()), item.number)
            elif case_number in printed:
                target = printed[case_number]
            elif item.case_id is None:
                target = titled.get(item.title.casefold(), item.number)
            else:
                continue
            if target != item.number:
                wanted[item.pk] = target
        if not wanted:
            return
        staying = {i.number for i in stored if i.pk not in wanted}
        wanted = {pk: n for pk, n in wanted.items() if n not in staying}  # never onto another
        free = max([i.number for i in stored] + list(wanted.values())) + 1
        moved = [i for i in stored if i.pk in wanted]
        original = {i.pk: i.number for i in moved}
        for step in ("aside", "home"):  # two steps: two items may swap numbers
            for place, item in enumerate(moved):
                target = free + place if step == "aside" else wanted[item.pk]
                changed = services.agenda_item_update(
                    item=item, fields={"number": target}, expected_version=None, user=self.user
                )
                changed.meeting = meeting
                self.remember(changed)
                if step == "home":
                    self.warn(
                        _("%(title)s på %(meeting)s var gemt fra en anden beslutningsprotokol "
                          "og har nu mødets eget nummer, %(number)s."),
                        title=changed.title, meeting=_meeting_label(meeting), number=target,
                    )  # fmt: skip
                    self.updated(
                        "item",
                        _("Punkt omnummereret: %(meeting)s, punkt %(old)s til %(number)s")
                        % {"meeting": _meeting_label(meeting), "old": original[item.pk],
                           "number": target},
                    )  # fmt: skip
            moved = [i for i in self.meeting_items(meeting) if i.pk in wanted]

    def item(self, data: dict, position: int, doc_body, doc_meeting) -> None:
        for decision in data.get("decisions") or []:  # known before the case's routing
            self.body(decision["body"])
        case = self.case(data) if data.get("case_number") else None
        label = data.get("title") or data.get("case_number") or f"punkt {position}"
        own, others = [], []
        for decision in data.get("decisions") or []:
            body = self.body(decision["body"])
            date = _date(decision.get("date"))
            if doc_meeting is not None and body == doc_body and date in (None, doc_meeting.date):
                own.append(decision)
            elif date is None:
                self.warn(_("Beslutningen i %(body)s under %(item)s har ingen dato og er ikke "
                            "gemt.") % {"body": decision["body"], "item": label})  # fmt: skip
            else:
                others.append((body, date, decision))
        if doc_meeting is None and not others:
            self.warn(
                _("%(item)s kunne ikke placeres på et møde og er ikke gemt.") % {"item": label}
            )
            return
        # The earlier bodies' items carry the first Indstilling; the document's own the last.
        earlier_fields = _item_fields(data, recommendation="first")
        for body, date, decision in sorted(others, key=lambda o: o[1]):
            meeting = self.meeting(body, date, {})
            item = self.agenda_item(meeting, case, data, earlier_fields, number=None)
            if item is not None:
                self.decide(item, decision)
                # A case extract is its case's trail: those meetings' minutes were published.
                # A meeting's own minutes only quote the earlier bodies on one case, so their
                # meetings stay open for their own minutes (a later import adds their items).
                self.finishing[meeting.pk] = (
                    meeting,
                    doc_meeting is None or self.parsed.get("document_type") == "sag",
                )
        target = doc_meeting
        if target is None:  # a single case extract: the attachments are the last decider's
            body, date, _decision = max(others, key=lambda o: o[1])
            target = self.stored_meeting(body, date)
        item = self.agenda_item(
            target, case, data, _item_fields(data, recommendation="last"), number=data["number"]
        )
        if item is None:
            return
        for decision in own:
            self.decide(item, decision)
        for attachment in data.get("attachments") or []:
            self.attachment(item, attachment)

    # -- Records -----------------------------------------------------------------------------

    def body(self, name: str) -> Body:
        key = " ".join(name.split()).casefold()
        if key in self.bodies:
            return self.bodies[key]
        clean = " ".join(name.split())
        abbreviation, kind = KNOWN_BODIES.get(key, (_abbreviate(clean), _kind(clean)))
        taken = {b.abbreviation.casefold() for b in Body.objects.all()}
        candidate, n = abbreviation, 2
        while candidate.casefold() in taken:
            candidate, n = f"{abbreviation}{n}", n + 1
        try:  # only an administrator (or the operator's command) creates a body
            body = organisation_services.body_create(
                name=clean[:120], abbreviation=candidate, kind=kind, user=self.user
            )
        except PermissionDenied as error:
            raise ImportFailed(error.args[0] if error.args else str(error)) from error
        self.bodies[key] = self.bodies.setdefault(candidate.casefold(), body)
        self.created("body", _("Udvalg oprettet: %(name)s (%(abbr)s)")
                     % {"name": body.name, "abbr": body.abbreviation})  # fmt: skip
        return body

    def routing(self, names: Iterable[str]) -> list[Body]:
        bodies = []
        for name in names:
            key = " ".join(name.split()).casefold()
            if key in self.bodies:
                bodies.append(self.bodies[key])
            elif key in _KNOWN_ABBREVIATIONS:
                bodies.append(self.body(_KNOWN_ABBREVIATIONS[key]))
            else:
                self.warn(
                    _("Ukendt udvalg i sagsgangen: %(name)s; det er udeladt.") % {"name": name}
                )
        return bodies

    def read_meetings(self, keys: set[tuple[int, datetime.date]]) -> None:
        """The stored meetings of these bodies on these dates, read together."""
        wanted = keys - set(self.meetings)
        if not wanted:
            return
        which = models.Q()
        for body_id, date in wanted:
            which |= models.Q(body_id=body_id, date=date)
        found: dict[tuple[int, datetime.date], Meeting | None] = dict.fromkeys(wanted)
        meetings = Meeting.objects.filter(which).select_related("body")
        for meeting in meetings.order_by("-start_time"):  # the first of a day is kept
            found[(meeting.body_id, meeting.date)] = meeting
        self.meetings.update(found)

    def stored_meeting(self, body: Body, date: datetime.date) -> Meeting | None:
        key = (body.pk, date)
        if key not in self.meetings:
            self.meetings[key] = (
                Meeting.objects.filter(body=body, date=date)
                .select_related("body")
                .order_by("start_time")
                .first()
            )
        return self.meetings[key]

    def keep(self, fresh: Meeting) -> Meeting:
        """The meeting as a service returned it. The import holds one object per meeting (its
        items point to it), brought up to date here."""
        key = (fresh.body_id, fresh.date)
        held = self.meetings.get(key)
        if held is None or held.pk != fresh.pk:
            self.meetings[key] = fresh
            return fresh
        for name in _MEETING_FIELDS:
            setattr(held, name, getattr(fresh, name))
        return held

    def create_meetings(self, doc_body: Body | None, doc_date: datetime.date | None) -> None:
        """The meetings the document names (its own, and each other deciding body's on its
        date): those stored read together, those Kursen does not have created together, before
        its items."""
        wanted: dict[tuple[int, datetime.date], tuple[Body, datetime.date, dict]] = {}
        if doc_body and doc_date:
            wanted[(doc_body.pk, doc_date)] = (doc_body, doc_date, self.parsed.get("meeting") or {})
        for data in self.parsed.get("items") or []:
            for decision in data.get("decisions") or []:
                date = _date(decision.get("date"))
                if date is None:
                    continue
                body = self.body(decision["body"])
                wanted.setdefault((body.pk, date), (body, date, {}))
        self.read_meetings(set(wanted))
        self.add_meetings([w for w in wanted.values() if self.stored_meeting(w[0], w[1]) is None])

    def add_meetings(self, wanted: list[tuple[Body, datetime.date, dict]]) -> None:
        new = []
        for body, date, data in wanted:
            start, end = self.times(data)
            new.append(Meeting(body=body, date=date, start_time=start, end_time=end,
                               place=(data.get("place") or "")[:200]))  # fmt: skip
        for meeting in services.meetings_create(meetings=new, user=self.user):
            self.keep(meeting)
            self.items_of[meeting.pk] = []
            self.new_meetings.add(meeting.pk)
            self.created("meeting", _("Møde oprettet: %(meeting)s")
                         % {"meeting": _meeting_label(meeting)})  # fmt: skip

    def times(self, data: dict) -> tuple[datetime.time | None, datetime.time | None]:
        start, end = _time(data.get("start")), _time(data.get("end"))
        if end and start and end <= start:
            self.warn(_("Mødets sluttidspunkt ligger før starttidspunktet; det er udeladt."))
            end = None
        return start, end

    def meeting(self, body: Body, date: datetime.date, data: dict) -> Meeting:
        meeting = self.stored_meeting(body, date)
        if meeting is None:  # not named where the document's meetings are created
            self.add_meetings([(body, date, data)])
            meeting = self.stored_meeting(body, date)
            assert meeting is not None
        elif meeting.pk not in self.new_meetings:
            start, end = self.times(data)
            fields = {}
            if start and meeting.start_time is None:
                fields["start_time"] = start
            began = meeting.start_time or start
            if end and meeting.end_time is None and began is not None and began < end:
                fields["end_time"] = end
            if data.get("place") and not meeting.place:
                fields["place"] = data["place"][:200]
            if fields:
                meeting = self.keep(
                    services.meeting_update(
                        meeting=meeting, fields=fields, expected_version=None, user=self.user
                    )
                )
                self.updated("meeting", _("Møde udfyldt: %(body)s %(date)s")
                             % {"body": body.name, "date": long_date(date)})  # fmt: skip
        if data.get("absent") and meeting.state == MeetingState.PLANNED:
            members = [self.member(body, name) for name in data["absent"]]
            self.store_members()
            absent = dict.fromkeys(members, "absent")
            current = {a.member_id for a in meeting.absences.all()}
            if {m.pk for m in absent} != current:
                meeting = self.keep(
                    services.meeting_set_absences(meeting=meeting, absences=absent, user=self.user)
                )
        for name in data.get("members") or []:
            self.member(body, name)
        return meeting

    def member(self, body: Body, printed: str) -> Member:
        name, title, party, role = _person(printed)
        if body.pk not in self.members:
            self.read_members(body)
        people = self.members[body.pk]
        member = people.by_name.get(name.casefold())
        if member is None and not title:  # printed without the title the member is stored with
            member = people.by_display.get(printed.casefold())
        if member is None:  # stored with the body's other new members (`store_members`)
            member = Member(name=name[:120], title=title[:80], party=party[:10], role=role,
                            active=False)  # fmt: skip
            people.add(member)
            self.new_members.setdefault(body.pk, (body, []))[1].append(member)
            self.created("member", _("Medlem oprettet: %(name)s i %(body)s")
                         % {"name": member.display_name, "body": body.name})  # fmt: skip
        return member

    def read_members(self, body: Body) -> None:
        """The members of this body and of the other bodies the document names people of
        (members, absentees), read once."""
        meeting = self.parsed.get("meeting") or {}
        names = []
        if meeting.get("members") or meeting.get("absent"):
            names.append(self.parsed.get("body") or "")
        for data in self.parsed.get("items") or []:
            names += [d["body"] for d in data.get("decisions") or [] if d.get("absent")]
        keys = {" ".join(name.split()).casefold() for name in names}
        wanted = {body.pk} | {self.bodies[key].pk for key in keys if key in self.bodies}
        wanted -= set(self.members)
        for pk in wanted:
            self.members[pk] = _People()
        for member in Member.objects.filter(body_id__in=wanted).order_by("position", "name"):
            self.members[member.body_id].add(member)

    def store_members(self) -> None:
        """The new members of each body, created together."""
        for body, members in self.new_members.values():
            try:
                organisation_services.members_create(body=body, members=members, user=self.user)
            except PermissionDenied as error:
                raise ImportFailed(error.args[0] if error.args else str(error)) from error
        self.new_members = {}

    def case(self, data: dict) -> Case:
        number = data["case_number"].strip()
        # Through the access gate: a case the importing user may not see is never joined (its
        # closed sections and decisions would reach the new item); `import_refusal` refuses
        # such a document before, this holds for every caller.
        access = Access.for_user(self.user) if self.user is not None else Access.system()
        case = self.cases.get(number)
        if case is None and number not in self.cases:
            case = Case.objects.filter(number=number).first()  # not printed as read
        if case is not None and number in self.fresh_cases:  # created from this, its first item
            self.fresh_cases.discard(number)
            self.created("case", _("Sag oprettet: %(number)s %(title)s")
                         % {"number": number, "title": case.title})  # fmt: skip
            return case
        if case is not None and not access.sees_case(case):
            raise ImportFailed(_case_refusal(number))
        closed = data.get("access") == "closed"
        routing = self.routing(data.get("routing") or [])
        title = (data.get("title") or number)[:300]
        if case is None:
            case = services.case_create(
                number=number, title=title, closed=closed,
                kle_number=(data.get("subject_code") or "")[:40], routing=routing, user=self.user,
            )  # fmt: skip
            self.cases[number] = case
            self.created("case", _("Sag oprettet: %(number)s %(title)s")
                         % {"number": number, "title": title})  # fmt: skip
            return case
        fields = {}
        if data.get("title") and case.title == case.number:  # the number stood in for a title
            fields["title"] = title
        if closed and not case.closed:  # a document closing a case closes it; never the reverse
            fields["closed"] = True
        if data.get("subject_code") and not case.kle_number:
            fields["kle_number"] = data["subject_code"][:40]
        new_routing = None
        if routing and not case.routing.exists():
            new_routing = routing
        if fields or new_routing:
            case = services.case_update(
                case=case, fields=fields, routing=new_routing, user=self.user
            )
            self.cases[number] = case
            self.updated("case", _("Sag opdateret: %(number)s") % {"number": number})
        return case

    def create_cases(self) -> None:
        """The document's new cases, created together before its items, each as its first item
        prints it (`case` then fills in from the later ones, as for a stored case)."""
        new: dict[str, tuple[Case, list[Body]]] = {}
        for data in self.parsed.get("items") or []:
            number = (data.get("case_number") or "").strip()
            if not number or number in new or self.cases.get(number) is not None:
                continue
            for decision in data.get("decisions") or []:  # known before the case's routing
                self.body(decision["body"])
            case = Case(number=number, title=(data.get("title") or number)[:300],
                        closed=data.get("access") == "closed",
                        kle_number=(data.get("subject_code") or "")[:40])  # fmt: skip
            new[number] = (case, self.routing(data.get("routing") or []))
        if new:
            services.cases_create(cases=new.values(), user=self.user)
            self.cases.update((number, case) for number, (case, _routing) in new.items())
            self.fresh_cases = set(new)

    def agenda_item(self, meeting, case, data, fields, *, number) -> AgendaItem | None:
        title = (data.get("title") or (case.title if case else ""))[:300]
        stored = self.meeting_items(meeting)
        if case is not None and case.number in self.shared_cases:
            candidates = [i for i in stored if i.case_id == case.pk]
            item = next((i for i in candidates if number and i.number == number), None) or next(
                (i for i in candidates if i.title.casefold() == title.casefold()), None
            )
            if item is None and number is None and candidates:
                item = candidates[0]
        elif case is not None:
            item = next((i for i in stored if i.case_id == case.pk), None)
        else:
            item = next((i for i in stored if i.title.casefold() == title.casefold()), None)
            if item is None and number:
                # The same point with a corrected title: its number on the meeting, without a
                # case on either side, says it is the one already stored, not a new point.
                item = next((i for i in stored if i.number == number and i.case_id is None), None)
                if item is not None and not _similar(item.title, title):
                    item = None  # another point that got this number, not a correction
                if item is not None:
                    self.warn(
                        _("Punkt %(number)s på %(meeting)s hedder »%(stored)s« i Kursen og "
                          "»%(title)s« i dokumentet; den gemte titel er bevaret."),
                        number=number, meeting=_meeting_label(meeting), stored=item.title,
                        title=title,
                    )  # fmt: skip
        closed = data.get("access") == "closed" or bool(case and case.closed)
        if item is None:
            if meeting.minutes_locked:
                self.warn(_("%(meeting)s har godkendt beslutningsprotokol; punktet %(title)s er "
                            "ikke tilføjet.") % {"meeting": _meeting_label(meeting),
                                                 "title": title})  # fmt: skip
                return None
            if number and any(i.number == number for i in stored):
                self.warn(
                    _("Punkt nr. %(number)s findes allerede på %(meeting)s; %(title)s fik "
                      "næste ledige nummer."),
                    number=number, title=title, meeting=_meeting_label(meeting),
                )  # fmt: skip
                number = None
            # Added with the meeting's other new items (`store_items`); it is the meeting's
            # from now on, for the document's later items to find.
            item = AgendaItem(meeting=meeting, case=case, number=number,
                              **{**fields, "title": title, "closed": closed})  # fmt: skip
            self.new_items.setdefault(meeting.pk, []).append(item)
            stored.append(item)
            self.summary.created["item"] += 1
            self.summary.changes.append("")  # its line, when its number is known
            self.item_lines.append((len(self.summary.changes) - 1, item, title))
            return item
        # What Kursen has is kept: a reading only fills in what is empty (and closes, never
        # reopens). Two publications of one item differ in small ways; re-importing either
        # must not flip the stored text back and forth.
        changes = {name: value for name, value in fields.items()
                   if value and not getattr(item, name)}  # fmt: skip
        differing = [
            name for name, value in fields.items()
            if value and getattr(item, name) and not _same(getattr(item, name), value)
        ]  # fmt: skip
        if closed and not item.closed:
            changes["closed"] = True
        if differing:
            self.warn(
                _("%(title)s på %(meeting)s afviger fra det gemte (%(fields)s); det gemte er "
                  "bevaret."),
                title=title, meeting=_meeting_label(meeting),
                fields=", ".join(_label(name) for name in differing),
            )  # fmt: skip
        if changes and meeting.minutes_locked:
            self.warn(
                _("%(title)s på %(meeting)s kan ikke udfyldes: beslutningsprotokollen er "
                  "godkendt; det gemte er bevaret."),
                title=title, meeting=_meeting_label(meeting),
            )  # fmt: skip
        elif changes and item.pk is None:  # an item of this document, not yet stored
            for name, value in changes.items():
                setattr(item, name, value)
        elif changes:
            item = services.agenda_item_update(
                item=item, fields=changes, expected_version=None, user=self.user
            )
            item.meeting = meeting
            self.remember(item)
            self.updated("item", _("Punkt udfyldt: %(meeting)s, %(title)s")
                         % {"meeting": _meeting_label(meeting), "title": title})  # fmt: skip
        return item

    def store_items(self) -> None:
        """The new items of each meeting, added together; the summary says their numbers."""
        unnumbered = {pk for pk, items in self.new_items.items()
                      if any(item.number is None for item in items)}  # fmt: skip
        services.agenda_items_add(
            items=[item for items in self.new_items.values() for item in items], user=self.user
        )
        for items in self.new_items.values():
            meeting = self.keep(items[0].meeting)
            for item in items:
                item.meeting = meeting
                self.attachments_of[item.pk] = []
            if meeting.pk in unnumbered and meeting.pk not in self.new_meetings:
                # numbered before the agenda's closing items, which moved: read them again
                self.items_of.pop(meeting.pk, None)
            else:
                self.items_of[meeting.pk].sort(key=_in_order)
        for place, item, title in self.item_lines:
            self.summary.changes[place] = _(
                "Punkt oprettet: %(meeting)s, punkt %(number)s %(title)s"
            ) % {"meeting": _meeting_label(item.meeting), "number": item.number, "title": title}
        self.new_items, self.item_lines = {}, []

    def meeting_items(self, meeting: Meeting) -> list[AgendaItem]:
        """The meeting's items in number order, read once per import."""
        if meeting.pk not in self.items_of:
            items = list(AgendaItem.objects.filter(meeting=meeting).order_by("number"))
            for item in items:
                item.meeting = meeting  # the import's one object for the meeting
            self.items_of[meeting.pk] = items
        return self.items_of[meeting.pk]

    def remember(self, item: AgendaItem) -> None:
        """An item as a service returned it, in its meeting's list in place of the old one."""
        items = [i for i in self.meeting_items(item.meeting) if i.pk != item.pk]
        items.append(item)
        items.sort(key=_in_order)
        self.items_of[item.meeting_id] = items

    def item_attachments(self, item: AgendaItem) -> list[Attachment]:
        if item.pk is None:  # an item of this document, not yet stored
            return []
        if item.pk not in self.attachments_of:
            self.attachments_of[item.pk] = list(item.attachments.all())
        return self.attachments_of[item.pk]

    def decide(self, item: AgendaItem, decision: dict) -> None:
        """Record the decision, with the other decisions on its meeting, in one call when the
        document's items are stored (`record_decisions`)."""
        text = (decision.get("text") or "").strip()
        if not text:
            return
        meeting = item.meeting
        stored = item.decision or self.pending.get(_key(item))
        if stored:
            if not _same(stored, text):
                self.warn(_("Beslutningen på %(meeting)s, %(title)s afviger fra den gemte; den "
                            "gemte er bevaret.") % {"meeting": _meeting_label(meeting),
                                                    "title": item.title})  # fmt: skip
            return
        if meeting.minutes_locked:
            self.warn(_("%(meeting)s har godkendt beslutningsprotokol; beslutningen på %(title)s "
                        "er ikke gemt.") % {"meeting": _meeting_label(meeting),
                                            "title": item.title})  # fmt: skip
            return
        if meeting.state == MeetingState.PLANNED:  # sent out before its decisions are recorded
            self.publishing[meeting.pk] = meeting
        members = [self.member(meeting.body, name) for name in decision.get("absent") or []]
        self.decisions.setdefault(meeting.pk, []).append((item, text, members))
        self.pending[_key(item)] = text
        self.created("decision", _("Beslutning gemt: %(meeting)s, %(title)s")
                     % {"meeting": _meeting_label(meeting), "title": item.title})  # fmt: skip

    def record_decisions(self) -> None:
        """The document's decisions, recorded together, each meeting's in their order."""
        decisions = [decision for each in self.decisions.values() for decision in each]
        if decisions:
            recorded = services.decisions_record(decisions=decisions, user=self.user)
            held = {item.meeting.pk: item.meeting for item in recorded}
            held = {pk: self.keep(meeting) for pk, meeting in held.items()}
            for item in recorded:
                item.meeting = held[item.meeting_id]
                self.remember(item)
        self.decisions = {}
        self.pending = {}
        self.publishing = {}

    def attachment(self, item: AgendaItem, data: dict) -> None:
        stored = self.item_attachments(item)
        pending = self.new_attachments.setdefault(item.meeting_id, [])
        existing = _printed_as(stored, data, lambda a: (a.document_number, a.number))
        closed = data.get("access") == "closed"
        title = (data.get("title") or (_("Lukket bilag") if closed else _("Bilag")))[:300]
        if existing is not None:
            if closed and not existing.closed and not item.meeting.minutes_locked:
                changed = services.attachment_update(attachment=existing, fields={"closed": True},
                                                     user=self.user)  # fmt: skip
                stored[stored.index(existing)] = changed
                self.updated("attachment", _("Bilag lukket: %(title)s") % {"title": title})
            return
        mine = [spec for other, spec in pending if _key(other) == _key(item)]
        # printed twice in the document: as one already stored
        twice = _printed_as(mine, data, lambda spec: (spec["document_number"], spec["number"]))
        if twice is not None:
            twice["closed"] = twice["closed"] or closed
            return
        if item.meeting.minutes_locked:
            self.warn(
                _("Bilaget %(title)s er ikke tilføjet: beslutningsprotokollen for %(meeting)s "
                  "er godkendt."),
                title=title, meeting=_meeting_label(item.meeting),
            )  # fmt: skip
            return
        number = data.get("number")
        taken = {a.number for a in stored} | {spec["number"] for spec in mine}
        if number and number in taken:
            number = None
        pending.append((item, {"title": title, "closed": closed, "number": number,
                               "document_number": _document_number(data)}))  # fmt: skip
        self.created("attachment", _("Bilag oprettet: %(title)s") % {"title": title})

    def store_attachments(self) -> None:
        """The new attachments of each meeting, added together."""
        for attachments in self.new_attachments.values():
            if not attachments:
                continue
            meeting = attachments[0][0].meeting
            for added in services.attachments_add(
                meeting=meeting, attachments=attachments, user=self.user
            ):
                self.item_attachments(added.agenda_item).append(added)
        self.new_attachments = {}

    def publish(self, meetings: list[Meeting]) -> None:
        if meetings:
            for meeting in services.meetings_publish_agenda(meetings=meetings, user=self.user):
                self.keep(meeting)

    def finish(self, finishing: list[tuple[Meeting, bool]]) -> None:
        """The meetings this import created are published, and approved when their decisions
        are printed (published minutes: True). A meeting that was already in Kursen keeps its
        state."""
        # the one object the import holds for each, up to date
        new: dict[int, tuple[Meeting, bool]] = {}
        for meeting, minutes in finishing:
            if meeting.pk in self.new_meetings:
                minutes = minutes or new.get(meeting.pk, (meeting, False))[1]
                new[meeting.pk] = (self.keep(meeting), minutes)
        publishing = [m for m, _minutes in new.values()
                      if m.state == MeetingState.PLANNED and self.meeting_items(m)]  # fmt: skip
        self.publish(publishing)
        for meeting in publishing:
            self.updated("meeting", _("Dagsorden markeret som udsendt: %(meeting)s")
                         % {"meeting": _meeting_label(meeting)})  # fmt: skip
        approving = [m for m, minutes in new.values() if minutes and m.state == MeetingState.HELD]
        if approving:
            for meeting in services.meetings_approve_minutes(meetings=approving, user=self.user):
                self.keep(meeting)
        for meeting in approving:
            self.updated("meeting", _("Beslutningsprotokol markeret som godkendt: %(meeting)s")
                         % {"meeting": _meeting_label(meeting)})  # fmt: skip

    # -- Bookkeeping -------------------------------------------------------------------------

    def created(self, kind: str, text: str) -> None:
        self.summary.created[kind] += 1
        self.summary.changes.append(text)

    def updated(self, kind: str, text: str) -> None:
        self.summary.updated[kind] += 1
        self.summary.changes.append(text)

    def warn(self, text: str, **values) -> None:
        self.summary.warnings.append(text % values if values else text)


# -- Helpers ---------------------------------------------------------------------------------


def _document_number(data: dict) -> str:
    return (data.get("document_number") or "")[:40]


_A = TypeVar("_A")


def _printed_as(
    rows: list[_A], data: dict, key: Callable[[_A], tuple[str, int | None]]
) -> _A | None:
    """The attachment among rows (stored ones, or those still to be added) that the document
    prints as `data`: the one of its document number, else the one of its number. `key` gives
    a row's (document number, number)."""
    document_number, number = _document_number(data), data.get("number")
    return next(
        (row for row in rows if document_number and key(row)[0] == document_number), None
    ) or next((row for row in rows if number and key(row)[1] == number), None)


def _in_order(item: AgendaItem) -> tuple[bool, int]:
    """Items by number; an item of this document still to be numbered last."""
    return item.number is None, item.number or 0


def _key(item: AgendaItem) -> tuple[str, int]:
    """An item's key in the import's bookkeeping: its row, or (not yet stored) its object."""
    return ("row", item.pk) if item.pk is not None else ("new", id(item))


def _item_fields(data: dict, *, recommendation: str) -> dict:
    """The item's sections as the agenda item's fields. With two Indstillinger (the case at
    two bodies), the first belongs to the earlier body and the last to the document's own."""
    fields = dict.fromkeys(ITEM_TEXT_FIELDS, "")
    extra: list[str] = []
    recommendations = []
    for section in data.get("sections") or []:
        heading, text = section["heading"].strip(), section["text"].strip()
        name = _field_for(heading)
        if name == "recommendation":
            recommendations.append(text)
        elif name is None:
            extra.append(f"{heading}\n\n{text}" if text else heading)
        elif fields[name]:
            fields[name] += f"\n\n{heading}\n\n{text}"
        else:
            fields[name] = text
    if extra:
        fields["case_presentation"] = "\n\n".join([fields["case_presentation"], *extra]).strip()
    if recommendations:
        fields["recommendation"] = recommendations[0 if recommendation == "first" else -1]
        match = _RECOMMENDED_BY.match(fields["recommendation"])
        if match:
            fields["recommended_by"] = match.group(1)[:120]
    return {name: value for name, value in fields.items() if value}


_MEETING_FIELDS = [f.attname for f in Meeting._meta.concrete_fields]


def _similar(stored: str, read: str) -> bool:
    """Two titles of one point: a corrected title keeps most of its words."""
    first, second = (set(re.findall(r"\w+", t.casefold())) for t in (stored, read))
    return bool(first and second) and len(first & second) >= min(len(first), len(second)) / 2


def _label(field_name: str) -> str:
    field = AgendaItem._meta.get_field(field_name)
    assert isinstance(field, models.Field)  # the agenda item's own text fields
    return str(field.verbose_name)


_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-"})


def _same(stored: str, read: str) -> bool:
    """The same text but for spacing, case and typographic quotes and dashes."""

    def norm(text: str) -> str:
        return " ".join(text.translate(_QUOTES).split()).casefold()

    return norm(stored) == norm(read)


def _field_for(heading: str) -> str | None:
    key = heading.casefold().rstrip(":")
    for prefixes, name in SECTION_FIELDS:
        if key.startswith(prefixes):
            return name
    return None


def _date(value) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def _time(value) -> datetime.time | None:
    if not value:
        return None
    try:
        return datetime.time.fromisoformat(value)
    except ValueError:
        return None


def _person(printed: str) -> tuple[str, str, str, str]:
    """'Jens Meilvang (I)' → name, title, party, role; 'Christian Bertelsen (Kommunaldirektør)
    (Formand)' gives the title and the role."""
    text = " ".join(printed.split())
    match = _PERSON.match(text)
    if not match:
        return text, "", "", Member.Role.MEMBER
    name = match.group("name").strip()
    title, party, role = "", "", Member.Role.MEMBER
    first, _space, rest = name.partition(" ")
    if rest.count(" ") >= 1 and first.casefold().endswith(_TITLE_ENDINGS):
        title, name = first, rest  # "Kommunaldirektør Jonas Kroustrup"
    for part in re.findall(r"\(([^()]*)\)", match.group("extra")):
        part = part.strip()
        lowered = part.casefold()
        if lowered == "formand":
            role = Member.Role.CHAIR
        elif lowered == "næstformand":
            role = Member.Role.VICE_CHAIR
        elif len(part) <= 3 and part[:1].isupper():
            party = part
        elif not title:
            title = part
    return name, title, party, role


def _abbreviate(name: str) -> str:
    """'Børne- og Ungdomsudvalget' → 'BUU', 'Arbejdsmarkedsudvalget' → 'AU'."""
    words = [w for w in re.split(r"[\s\-]+", name) if w and w.casefold() not in {"og", "for"}]
    letters = "".join(w[0] for w in words).upper()
    if name.casefold().endswith("udvalget") and not words[-1].casefold().startswith("udvalg"):
        letters += "U"
    return letters[:20] or name[:20]


def _kind(name: str) -> str:
    lowered = name.casefold()
    if "kommunalbestyrelse" in lowered or "byråd" in lowered:
        return Body.Kind.COUNCIL
    if "økonomiudvalg" in lowered:
        return Body.Kind.FINANCE_COMMITTEE
    if "direktion" in lowered:
        return Body.Kind.EXECUTIVE_BOARD
    if "med-udvalg" in lowered or "hovedudvalg" in lowered:
        return Body.Kind.MED
    return Body.Kind.STANDING_COMMITTEE


def _meeting_label(meeting: Meeting) -> str:
    return f"{meeting.body.name} {long_date(meeting.date)}"


def bodies_by_name() -> dict[str, Body]:
    """Every body under its name and its abbreviation, casefolded: "økonomiudvalget", "øk"."""
    bodies: dict[str, Body] = {}
    for body in Body.objects.all():
        bodies[body.name.casefold()] = body
        bodies.setdefault(body.abbreviation.casefold(), body)
    return bodies


def _case_refusal(number: str) -> str:
    return _(
        "Sagsnummeret %(number)s kan ikke bruges i din indlæsning. Kontakt en administrator."
    ) % {"number": number}


def import_refusal(user, parsed: dict) -> str | None:
    """Why this user may not store this document, in Danish; None when they may.

    Administrators store anything (and may create bodies). An editor stores documents of the
    bodies whose meetings they prepare: the document's body and every deciding body."""
    from organisation.permissions import user_can_prepare_meetings, user_is_administrator

    if user_is_administrator(user):
        return None
    names = [parsed.get("body")] + [
        decision["body"] for item in parsed.get("items") or [] for decision in item["decisions"]
    ]
    bodies = bodies_by_name()
    for name in dict.fromkeys(n for n in names if n):
        body = bodies.get(" ".join(name.split()).casefold())
        if body is None:
            return _("%(name)s findes ikke i Kursen; kun en administrator kan oprette et udvalg "
                     "ved indlæsning.") % {"name": name}  # fmt: skip
        if not user_can_prepare_meetings(user, body.pk):
            return _("Du forbereder ikke møder for %(name)s og kan derfor ikke indlæse dets "
                     "dagsordener og referater.") % {"name": body.name}  # fmt: skip
    # A case number the user may not see (a closed case of other bodies) is refused, with the
    # same words whatever the case is, so the refusal tells nothing of its content.
    access = Access.for_user(user)
    numbers = {(item.get("case_number") or "").strip() for item in parsed.get("items") or []}
    numbers.discard("")
    if numbers:
        hidden = Case.objects.filter(number__in=numbers).exclude(access.case_q())
        for number in sorted(hidden.values_list("number", flat=True)):
            return _case_refusal(number)
    return None
