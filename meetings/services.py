"""Every write to cases, meetings, agenda items, decisions, minutes and attachments.

Views, the demo loader, the admin and (later) the document import call these functions, so
history, locking and the minutes' lock hold for all of them.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import connection, models, transaction
from django.db.models import F, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from danish.formatting import long_date, short_date
from meetings import generated, mail, standing, uploads
from meetings.access import Access, open_q
from meetings.models import (
    TOPIC_ORDER,
    Absence,
    Addendum,
    AgendaItem,
    Attachment,
    Case,
    CaseRoute,
    Meeting,
    MeetingState,
    PlannedTopic,
    PlannedTopicKind,
    StandingItem,
    StandingKind,
)
from meetings.selectors import _next_body, case_next_body
from meetings.signals import meeting_dated
from organisation.history import history_skipped, m2m_rows_known, record_as
from organisation.models import Body, Member
from organisation.permissions import user_can_edit_case
from organisation.validation import full_clean, remember_loaded
from plans.models import Item, Theme
from plans.services import item_record_decision


class MeetingConflict(Exception):
    """Someone else saved the meeting, agenda item, case, attachment or absences since the user
    opened them; `current` is the saved object, for the form to show."""

    def __init__(self, current: Any) -> None:
        super().__init__(f"{current!r} is at version {current.version}")
        self.current = current


class MinutesLocked(Exception):
    """The minutes are approved: only an addendum may change what they say."""

    def __str__(self) -> str:
        return _("Beslutningsprotokollen er godkendt og kan ikke ændres.")


class WrongState(Exception):
    """The meeting is not in a state that allows this step; the message is Danish."""


# Inside `touches_deferred`, the meetings and cases to mark, marked once when it ends.
_deferred_touches: ContextVar[tuple[set[int], set[int]] | None] = ContextVar(
    "deferred_touches", default=None
)


# Inside `archive_import`: the day before which a meeting's mails are not sent, and the
# meetings dated inside it, told to the higher apps once when it ends.
_archive_before: ContextVar[datetime.date | None] = ContextVar("archive_before", default=None)
_deferred_dated: ContextVar[_Dated | None] = ContextVar("deferred_dated", default=None)


class _Dated:
    def __init__(self) -> None:
        self.meetings: list[tuple[Meeting, datetime.date | None]] = []
        self.user: User | None = None


# A meeting held longer ago than this is archive to an import: it mails no one.
ARCHIVE_AFTER = datetime.timedelta(days=30)


@contextmanager
def archive_import() -> Iterator[None]:
    """Writes inside store what another system published (a document import):

    - mails about meetings held more than `ARCHIVE_AFTER` ago are not sent ("Dagsorden
      udsendt", "Beslutningsprotokol godkendt", a case offered to the next body): the
      publishing system told its readers at the time, and an archive of years would flood
      every inbox; a recent or coming meeting mails as when typed in;
    - the meetings created or moved are told to the higher apps (`meeting_dated`: the annual
      cycle places its events) once, together, when the block ends, not once each.

    Use inside the writes' transaction."""
    if _archive_before.get() is not None:
        yield
        return
    dated = _Dated()
    tokens = (
        _archive_before.set(timezone.localdate() - ARCHIVE_AFTER),
        _deferred_dated.set(dated),
    )
    try:
        yield
    finally:
        _archive_before.reset(tokens[0])
        _deferred_dated.reset(tokens[1])
    if dated.meetings:
        meeting_dated.send(sender=Meeting, dated=dated.meetings, user=dated.user)


def _dated(meeting: Meeting, previous_date: datetime.date | None, user: User | None) -> None:
    deferred = _deferred_dated.get()
    if deferred is not None:
        deferred.meetings.append((meeting, previous_date))
        deferred.user = user
        return
    meeting_dated.send(sender=Meeting, dated=[(meeting, previous_date)], user=user)


def _mail_on_commit(meeting: Meeting, send: Any) -> None:
    """Send the mail once the transaction commits, unless an import stores the meeting as
    archive (`archive_import`). A mail that fails is logged; the write stays."""
    if _mails(meeting):
        transaction.on_commit(send, robust=True)


def _mails(meeting: Meeting) -> bool:
    """Whether writes on this meeting mail anyone (not when an import stores it as archive)."""
    before = _archive_before.get()
    return before is None or meeting.date >= before


def _touch(*, meeting: Meeting | None = None, case: Case | None = None) -> None:
    """Mark the meetings whose agenda a write changes, so the public portal's cached pages
    (keyed on Meeting.updated_at) are never served again: the meeting itself, and every
    meeting treating one of its cases, whose agenda shows this meeting's decisions."""
    deferred = _deferred_touches.get()
    if deferred is not None:
        if meeting is not None:
            deferred[0].add(meeting.pk)
        if case is not None:
            deferred[1].add(case.pk)
        return
    _touch_now(
        meeting_ids={meeting.pk} if meeting else set(), case_ids={case.pk} if case else set()
    )


def _touch_now(*, meeting_ids: set[int], case_ids: set[int]) -> None:
    if not meeting_ids and not case_ids:
        return
    cases = AgendaItem.objects.filter(meeting_id__in=meeting_ids, case__isnull=False).values(
        "case_id"
    )
    affected = Q(pk__in=meeting_ids) | Q(items__case_id__in=cases) | Q(items__case_id__in=case_ids)
    Meeting.objects.filter(pk__in=Meeting.objects.filter(affected).values("pk")).update(
        updated_at=timezone.now()
    )


@contextmanager
def touches_deferred() -> Iterator[None]:
    """The writes inside mark the meetings they change once, when the block ends, instead of
    once per write (a document import writes dozens of rows on one meeting). Use inside the
    writes' transaction, so no page is cached between a write and its mark."""
    if _deferred_touches.get() is not None:
        yield
        return
    pending: tuple[set[int], set[int]] = (set(), set())
    token = _deferred_touches.set(pending)
    try:
        yield
    finally:
        _deferred_touches.reset(token)
    _touch_now(meeting_ids=pending[0], case_ids=pending[1])


def _save(obj: models.Model, user: User | None, reason: str | None = None) -> None:
    record_as(obj, user, reason)
    full_clean(obj)
    obj.save()


# --- Cases ------------------------------------------------------------------------------------


@transaction.atomic
def case_create(
    *,
    number: str,
    title: str,
    closed: bool = False,
    kle_number: str = "",
    routing: Iterable[Body] = (),
    items: Iterable[Item] = (),
    user: User | None = None,
) -> Case:
    case = Case(number=number, title=title, closed=closed, kle_number=kle_number)
    cases_create(cases=[(case, routing)], user=user)
    plan_items = list(items)
    if plan_items:  # a new case has none to compare with
        case.items.set(plan_items)
    return case


@transaction.atomic
def cases_create(
    *, cases: Iterable[tuple[Case, Iterable[Body]]], user: User | None = None
) -> list[Case]:
    """New cases (unsaved Case objects: number, title, closed, kle_number), each with its
    routing, as `case_create` creates one: one write for the cases and one for their routes
    (a document import's new cases); the objects get their keys."""
    wanted = [(case, list(dict.fromkeys(routing))) for case, routing in cases]
    for case, _bodies in wanted:
        case.number, case.title = case.number.strip(), case.title.strip()
        case.kle_number = case.kle_number.strip()
        record_as(case, user, "Oprettet")
        full_clean(case)
    _create_all(Case, [case for case, _bodies in wanted])
    routes = [CaseRoute(case=case, body=body, position=n)
              for case, bodies in wanted for n, body in enumerate(bodies)]  # fmt: skip
    for route in routes:
        record_as(route, user)
        full_clean(route)
    _create_all(CaseRoute, routes)
    return [case for case, _bodies in wanted]


_Created = TypeVar("_Created", bound=models.Model)


def _create_all(model: type[_Created], objects: list[_Created]) -> None:
    """Save new rows (history marks and validation done) in one INSERT where the database
    returns the keys, each then announced as its own save would be (its history entry, its
    index entry); one by one where it does not."""
    if len(objects) <= 1 or not connection.features.can_return_rows_from_bulk_insert:
        for obj in objects:
            obj.save()
        return
    model._default_manager.bulk_create(objects)
    for obj in objects:
        models.signals.post_save.send(
            sender=model, instance=obj, created=True, update_fields=None, raw=False,
            using=obj._state.db,
        )  # fmt: skip


class CaseForbidden(PermissionDenied):
    """Only administrators and the secretariats of the bodies on a case's routing edit it."""

    def __init__(self) -> None:
        super().__init__(_("Du kan kun redigere sager, der behandles i dine udvalg."))


@transaction.atomic
def case_update(
    *,
    case: Case,
    fields: Mapping[str, Any],
    routing: Iterable[Body] | None = None,
    items: Iterable[Item] | None = None,
    expected_version: int | None = None,
    user: User | None = None,
) -> Case:
    """Change a case as the user saw it (expected_version; None only for the document import,
    which works on what it has just read). The row is locked while the version is compared,
    so of two simultaneous saves the second is refused (MeetingConflict), not applied.

    A user (None for commands run by the operator) must be allowed to edit the case: an
    administrator, or an editor of a body on its routing."""
    current = _locked_for_update(Case, case, expected_version)
    if user is not None and not user_can_edit_case(user, current):
        raise CaseForbidden
    for name, value in fields.items():
        setattr(current, name, value)
    current.version += 1
    _save(current, user, "Redigeret")
    if routing is not None:
        _set_routing(current, routing, user)
    if items is not None:
        current.items.set(list(items))
    _touch(case=current)
    return current


def _set_routing(case: Case, routing: Iterable[Body], user: User | None) -> None:
    """Replace the routing when it changed; each removed and added step is in the history."""
    bodies = list(dict.fromkeys(routing))  # once each, in order
    current = list(CaseRoute.objects.filter(case=case).order_by("position"))
    if [route.body_id for route in current] == [body.pk for body in bodies]:
        return
    for route in current:
        record_as(route, user)
        route.delete()
    routes = [CaseRoute(case=case, body=body, position=n) for n, body in enumerate(bodies)]
    for route in routes:
        record_as(route, user)
        full_clean(route)
    _create_all(CaseRoute, routes)


def routing_from_text(text: str) -> list[Body]:
    """'DIR, ØK, KB' as bodies; raises ValidationError naming what is unknown."""
    names = [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]
    bodies = {b.abbreviation.casefold(): b for b in Body.objects.all()}
    bodies.update({b.name.casefold(): b for b in bodies.values()})
    unknown = [name for name in names if name.casefold() not in bodies]
    if unknown:
        raise ValidationError(
            _("Ukendt udvalg i sagsgangen: %(names)s.") % {"names": ", ".join(unknown)}
        )
    return [bodies[name.casefold()] for name in names]


# --- Meetings ---------------------------------------------------------------------------------


@transaction.atomic
def meeting_create(
    *,
    body: Body,
    date: datetime.date,
    start_time: datetime.time | None,
    end_time: datetime.time | None = None,
    place: str = "",
    from_template: bool = True,
    user: User | None = None,
) -> Meeting:
    """Plan a meeting; with from_template, its agenda gets the body's standing items, filled in
    from the calendar and the forward plan (seed 004)."""
    meeting = Meeting(body=body, date=date, start_time=start_time, end_time=end_time,
                      place=place)  # fmt: skip
    # Higher apps (the annual cycle) place their topics on the new meeting first, so the
    # template's forward plan and the topics' own items below include them.
    meetings_create(meetings=[meeting], user=user)
    if from_template:
        for standing_item in body.standing_items.order_by("number"):
            item = AgendaItem(
                meeting=meeting,
                number=standing_item.number,
                title=standing_item.title,
                standing=standing_item.kind,
                treatment=AgendaItem.Treatment.DISCUSSION,
                case_presentation=standing.text_for(standing_item, meeting),
                financial_consequences=standing_item.financial_consequences,
                recommendation=standing_item.recommendation,
            )
            _save(item, user, "Oprettet fra dagsordensskabelonen")
        _topic_items(meeting, user)
    return meeting


@transaction.atomic
def meetings_create(*, meetings: Iterable[Meeting], user: User | None = None) -> list[Meeting]:
    """New meetings (unsaved Meeting objects: body, date, times, place) with an empty agenda,
    each as `meeting_create` plans one without its template, in one write (a document
    import's meetings); the objects get their keys, and the higher apps hear of each."""
    wanted = list(meetings)
    for meeting in wanted:
        meeting.place = meeting.place.strip()
        record_as(meeting, user, "Oprettet")
        full_clean(meeting)
    _create_all(Meeting, wanted)
    for meeting in wanted:
        _dated(meeting, None, user)
    return wanted


def _topic_items(meeting: Meeting, user: User | None) -> None:
    """The planned topics that ask for their own item on this meeting get one, before the
    closing standing items, with their texts as sections and their generated document (the
    strategic plan's status, say) attached as an open attachment, titled with the day it was
    made ("… pr. 1. december 2026")."""
    topics = PlannedTopic.objects.filter(
        body_id=meeting.body_id, planned_for=meeting.date, own_item=True, agenda_item=None
    ).order_by(*TOPIC_ORDER)
    for topic in topics:
        item = agenda_item_add(
            meeting=meeting,
            fields={
                "title": topic.title[:300],
                "treatment": AgendaItem.Treatment.DISCUSSION,
                "case_presentation": topic.description,
                "recommendation": topic.recommendation,
            },
            user=user,
        )
        if topic.document_kind and topic.document_obj_id is not None:
            try:
                filename, content = generated.make(
                    topic.document_kind,
                    obj_id=topic.document_obj_id,
                    access=Access.public(),
                    for_date=meeting.date,
                )
            except KeyError:  # no app makes this kind of document: the item stands without
                filename, content = "", b""
            if content:
                # The document shows Kursen's data today, not on the meeting's date: say so.
                made = long_date(timezone.localdate(), weekday=False)
                attachment_add(
                    item=item,
                    title=_("%(title)s pr. %(date)s")
                    % {"title": topic.document_title or topic.title, "date": made},
                    upload=SimpleUploadedFile(filename, content, content_type="application/pdf"),
                    user=user,
                )
        topic.agenda_item = item
        topic.version += 1
        _save(topic, user, "Sat på dagsordenen")


_Versioned = TypeVar(
    "_Versioned", Case, Meeting, AgendaItem, Attachment, PlannedTopic, StandingItem
)


def _locked_for_update(
    model: type[_Versioned], obj: _Versioned, expected_version: int | None
) -> _Versioned:
    current: _Versioned = model.objects.select_for_update().get(pk=obj.pk)
    remember_loaded(current)  # its unique values are the database's: not checked again
    if expected_version is not None and current.version != expected_version:
        raise MeetingConflict(current)
    return current


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    fields: Mapping[str, Any],
    expected_version: int | None,
    user: User | None = None,
) -> Meeting:
    current = _locked_for_update(Meeting, meeting, expected_version)
    previous_date, previous_body = current.date, current.body_id
    for name, value in fields.items():
        setattr(current, name, value)
    current.version += 1
    _save(current, user, "Redigeret")
    if (current.date, current.body_id) != (previous_date, previous_body):
        _move_topics(current, previous_date, previous_body, user)
        _dated(current, previous_date, user)
    _touch(meeting=current)
    return current


def _move_topics(
    meeting: Meeting, previous_date: datetime.date, previous_body: int, user: User | None
) -> None:
    """The topics planned for a meeting follow it to its new date (when no other meeting of
    the body is still held on the old one)."""
    if Meeting.objects.filter(body_id=previous_body, date=previous_date).exists():
        return
    for topic in PlannedTopic.objects.filter(body_id=previous_body, planned_for=previous_date):
        if topic.agenda_item_id is not None or topic.body_id != meeting.body_id:
            continue
        topic.planned_for = meeting.date
        topic.version += 1
        _save(topic, user, "Mødet er flyttet")


@transaction.atomic
def meeting_set_absences(
    *,
    meeting: Meeting,
    absences: Mapping[Member, str],
    expected_version: int | None = None,
    user: User | None = None,
) -> Meeting:
    """Who was absent from the whole meeting: {member: Absence.Kind}. Replaces the old list.

    The list is saved whole, so a form must say which list it was based on (expected_version,
    the meeting's absences_version); a stale one raises MeetingConflict and nothing is erased.
    None only for the document import, which sets what the document says."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if expected_version is not None and meeting.absences_version != expected_version:
        raise MeetingConflict(meeting)
    if meeting.minutes_locked:
        raise MinutesLocked
    for member in absences:
        if member.body_id != meeting.body_id:
            raise ValidationError(_("%(member)s er ikke medlem af %(body)s.")
                                  % {"member": member, "body": meeting.body})  # fmt: skip
    wanted = dict(absences.items())
    for absence in Absence.objects.filter(meeting=meeting):
        kind = wanted.pop(absence.member, None)
        if kind is None:
            record_as(absence, user)
            absence.delete()
        elif kind != absence.kind:
            absence.kind = kind
            _save(absence, user, "Redigeret")
    for member, kind in wanted.items():
        _save(Absence(meeting=meeting, member=member, kind=kind), user)
    meeting.absences_version += 1
    record_as(meeting, user, "Fravær")
    meeting.save(update_fields=["absences_version", "updated_at"])
    _touch(meeting=meeting)
    return meeting


@transaction.atomic
def meeting_publish_agenda(*, meeting: Meeting, user: User | None = None) -> Meeting:
    """Send out the agenda: from now on the public portal shows the meeting."""
    return meetings_publish_agenda(meetings=[meeting], user=user)[0]


@transaction.atomic
def meetings_publish_agenda(
    *, meetings: Iterable[Meeting], user: User | None = None
) -> list[Meeting]:
    """Send out the agendas of meetings, each as `meeting_publish_agenda` sends one, in one
    write (a document import's meetings); the meetings are returned as saved, in their order."""
    current = _locked_meetings(meeting.pk for meeting in meetings)
    with_items = set(
        AgendaItem.objects.filter(meeting_id__in=[m.pk for m in current])
        .values_list("meeting_id", flat=True)
        .distinct()
    )
    for meeting in current:
        if meeting.state != MeetingState.PLANNED:
            raise WrongState(_("Dagsordenen er allerede udsendt."))
        if meeting.pk not in with_items:
            raise WrongState(_("Dagsordenen har ingen punkter."))
    _advance(current, user, "Dagsorden udsendt", state=MeetingState.AGENDA_PUBLISHED,
             agenda_published_at=timezone.now())  # fmt: skip
    for meeting in current:
        _touch(meeting=meeting)
        # Mailed once the agenda is out for good; a mail that fails is logged, the agenda
        # stays out.
        _mail_on_commit(meeting, functools.partial(mail.mail_agenda_sent, meeting.pk))
    return current


@transaction.atomic
def meeting_approve_minutes(*, meeting: Meeting, user: User | None = None) -> Meeting:
    """Approve the minutes: decisions are locked; later corrections are addenda."""
    return meetings_approve_minutes(meetings=[meeting], user=user)[0]


@transaction.atomic
def meetings_approve_minutes(
    *, meetings: Iterable[Meeting], user: User | None = None
) -> list[Meeting]:
    """Approve the minutes of meetings, each as `meeting_approve_minutes` approves one, in one
    write (a document import's meetings); the meetings are returned as saved, in their order."""
    current = _locked_meetings(meeting.pk for meeting in meetings)
    for meeting in current:
        if meeting.state == MeetingState.PLANNED:
            raise WrongState(_("Dagsordenen er ikke udsendt endnu."))
        if meeting.state == MeetingState.MINUTES_APPROVED:
            raise WrongState(_("Beslutningsprotokollen er allerede godkendt."))
        if meeting.date > timezone.localdate():
            raise WrongState(
                _(
                    "Mødet holdes først %(date)s: beslutningsprotokollen kan først godkendes "
                    "efter mødet."
                )
                % {"date": short_date(meeting.date)}
            )
    _advance(current, user, "Beslutningsprotokol godkendt",
             state=MeetingState.MINUTES_APPROVED, minutes_approved_at=timezone.now(),
             minutes_approved_by=user)  # fmt: skip
    for meeting in current:
        _touch(meeting=meeting)
        _mail_on_commit(meeting, functools.partial(mail.mail_minutes_approved, meeting.pk))
    return current


def _locked_meetings(ids: Iterable[int]) -> list[Meeting]:
    """The meetings read again under their row locks (taken in one order, so two writers
    never wait on each other), once each in the order given."""
    pks = list(dict.fromkeys(ids))
    rows = Meeting.objects.select_for_update().filter(pk__in=pks).order_by("pk")
    locked = {meeting.pk: meeting for meeting in rows}
    for meeting in locked.values():
        remember_loaded(meeting)  # its unique values are the database's: not checked again
    return [locked[pk] for pk in pks]


def _advance(meetings: list[Meeting], user: User | None, reason: str, **fields: Any) -> None:
    """Give locked meetings the same new values (a step of their course) in one write, each
    with its history entry and index refresh as its own save gives them."""
    if not meetings:
        return
    now = timezone.now()
    for meeting in meetings:
        for name, value in fields.items():
            setattr(meeting, name, value)
        meeting.version += 1
        meeting.updated_at = now
        record_as(meeting, user, reason)
        full_clean(meeting)
    Meeting.objects.filter(pk__in=[meeting.pk for meeting in meetings]).update(
        **fields, version=F("version") + 1, updated_at=now
    )
    for meeting in meetings:
        models.signals.post_save.send(
            sender=Meeting, instance=meeting, created=False, update_fields=None, raw=False,
            using=meeting._state.db,
        )  # fmt: skip


# --- Agenda items -----------------------------------------------------------------------------

ITEM_FIELDS = (
    "title", "closed", "treatment", "time_slot", "participants", "case_presentation",
    "policy_context", "financial_consequences", "legal_basis", "recommended_by", "recommendation",
)  # fmt: skip


def next_item_number(meeting: Meeting) -> int:
    return (meeting.items.aggregate(n=Max("number"))["n"] or 0) + 1


@transaction.atomic
def agenda_item_add(
    *,
    meeting: Meeting,
    case: Case | None = None,
    fields: Mapping[str, Any] | None = None,
    number: int | None = None,
    copy_sections: bool = True,
    user: User | None = None,
) -> AgendaItem:
    """Put an item on the agenda. For a case, the sections start as the case's latest item
    wrote them (the case moving on to the next body keeps its Sagsfremstilling), if that item
    may be copied from (see `_section_source`); not with copy_sections False (a document
    import: the item holds what its document printed)."""
    item = AgendaItem(meeting=meeting, case=case)
    item.number = number  # type: ignore[assignment]  # None: numbered when added
    if case is not None:
        item.title = case.title
        item.closed = bool(case.closed or (fields or {}).get("closed"))
    if case is not None and copy_sections:
        previous = _section_source(case=case, meeting=meeting, closed=item.closed, user=user)
        if previous is not None:
            for name in ITEM_FIELDS:
                # Closure is the new item's own (its case, the caller), never copied open.
                if name not in {"time_slot", "participants", "treatment", "closed"}:
                    setattr(item, name, getattr(previous, name))
    for name, value in (fields or {}).items():
        setattr(item, name, value)
    return agenda_items_add(items=[item], user=user)[0]


@transaction.atomic
def agenda_items_add(*, items: Iterable[AgendaItem], user: User | None = None) -> list[AgendaItem]:
    """Put items (unsaved AgendaItem objects with their meeting, case and fields) on their
    meetings' agendas, as `agenda_item_add` puts each, under one lock of the meetings and in
    one write (a document import's items); the objects get their keys. An item without a
    number gets its meeting's next, before the agenda's closing standing items and after the
    numbers given alongside."""
    wanted = list(items)
    if not wanted:
        return []
    # One numbering of a meeting at a time: its row stays locked to the end of the transaction.
    meetings = {m.pk: m for m in _locked_meetings(item.meeting_id for item in wanted)}
    if any(meeting.minutes_locked for meeting in meetings.values()):
        raise MinutesLocked
    by_meeting: dict[int, list[AgendaItem]] = {}
    for item in wanted:
        by_meeting.setdefault(item.meeting_id, []).append(item)
    numbering = [pk for pk, added in by_meeting.items() if any(not i.number for i in added)]
    present: dict[int, list[AgendaItem]] = {pk: [] for pk in numbering}
    if numbering:
        rows = AgendaItem.objects.select_for_update().filter(meeting_id__in=numbering)
        for existing in rows.order_by("number"):
            present[existing.meeting_id].append(existing)
    for pk in numbering:
        unnumbered = [item for item in by_meeting[pk] if not item.number]
        given = [item.number for item in by_meeting[pk] if item.number]
        first = _numbers_before_closing(present[pk], len(unnumbered), given, user)
        for place, item in enumerate(unnumbered):
            item.number = first + place
    for item in wanted:
        item.meeting = meetings[item.meeting_id]
        record_as(item, user, "Sat på dagsordenen")
        full_clean(item)
    _create_all(AgendaItem, wanted)
    for meeting in meetings.values():
        _touch(meeting=meeting)
    return wanted


@transaction.atomic
def agenda_item_update(
    *,
    item: AgendaItem,
    fields: Mapping[str, Any],
    expected_version: int | None,
    user: User | None = None,
) -> AgendaItem:
    current = _locked_for_update(AgendaItem, item, expected_version)
    if Meeting.objects.get(pk=current.meeting_id).minutes_locked:
        raise MinutesLocked
    for name, value in fields.items():
        setattr(current, name, value)
    current.version += 1
    _save(current, user, "Redigeret")
    _touch(meeting=current.meeting)
    return current


@transaction.atomic
def agenda_item_remove(*, item: AgendaItem, user: User | None = None) -> None:
    if item.meeting.state != MeetingState.PLANNED:
        raise WrongState(_("Et punkt kan kun fjernes, før dagsordenen er udsendt."))
    meeting = item.meeting
    record_as(item, user)
    item.delete()
    _touch(meeting=meeting)


def _section_source(
    *, case: Case, meeting: Meeting, closed: bool, user: User | None
) -> AgendaItem | None:
    """The case's latest item whose sections a new item on `meeting` may start from.

    Copied content keeps the closure of the item it came from (meetings.access), so the source
    must be an item the acting user may read, and a closed item is copied only into a closed
    item of the same body: into an open item its text would be public, and into another body's
    item it would reach that body's people, who may not read the original.
    """
    access = Access.for_user(user) if user is not None else Access.system()
    candidates = access.agenda_items(AgendaItem.objects.filter(case=case))
    allowed = open_q()
    if closed:
        allowed |= Q(meeting__body_id=meeting.body_id)
    return candidates.filter(allowed).order_by("-meeting__date", "-number").first()


def _is_closing(item: AgendaItem) -> bool:
    """The standing items that close an agenda ("Eventuelt, herunder punkter til næste møde"):
    marked so by the body's agenda template."""
    return item.standing == StandingKind.FORWARD_PLAN


def _numbers_before_closing(
    items: list[AgendaItem], count: int, given: list[int], user: User | None
) -> int:
    """The first of `count` numbers new items of a meeting get, whose items (read under lock,
    in number order) are `items`: before the agenda's closing standing items, which move down
    to make room; after the last item (and the numbers `given` to the other new items) when
    the agenda has none. The caller holds the meeting's row lock, so no one else numbers at
    the same time."""
    closing: list[AgendaItem] = []
    for existing in reversed(items):
        if not _is_closing(existing):
            break
        closing.insert(0, existing)
    if not closing or len(closing) == len(items):
        return max([int(item.number) for item in items] + given + [0]) + 1
    number = closing[0].number
    for existing in reversed(closing):  # from the last, so each number moved to is free
        existing.number += count
        existing.version += 1
        _save(existing, user, "Flyttet")
    return number


class MoveRefused(Exception):
    """The item cannot move that way (already first or last); the message is Danish."""


@transaction.atomic
def agenda_item_move(
    *,
    item: AgendaItem,
    direction: str | None = None,
    position: int | None = None,
    user: User | None = None,
) -> AgendaItem:
    """Move an item one place "up" or "down", or to `position` (1 is first), and renumber the
    agenda in one transaction: the items keep the numbers the agenda had, in the new order.

    Numbers are unique per meeting, so the moved items first go to free numbers above the
    agenda's highest (a temporary offset) and then to their new ones; every moved item gets a
    new version and a history entry. Refused on approved minutes."""
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    if meeting.minutes_locked:
        raise MinutesLocked
    items: list[AgendaItem] = list(
        AgendaItem.objects.select_for_update().filter(meeting=meeting).order_by("number")
    )
    index = next((i for i, other in enumerate(items) if other.pk == item.pk), None)
    if index is None:
        raise AgendaItem.DoesNotExist
    if direction == "up":
        target = index - 1
    elif direction == "down":
        target = index + 1
    elif direction is None and position is not None:
        target = position - 1
    else:
        raise ValueError("give direction 'up' or 'down', or a position")
    if not 0 <= target < len(items):
        if direction == "up":
            message = _("Punkt %(number)d står allerede først på dagsordenen.")
        elif direction == "down":
            message = _("Punkt %(number)d står allerede sidst på dagsordenen.")
        else:
            message = _("Punkt %(number)d kan kun flyttes til plads 1 til %(last)d.")
        raise MoveRefused(message % {"number": item.number, "last": len(items)})
    numbers = [other.number for other in items]
    moved = items.pop(index)
    items.insert(target, moved)
    changed = [(other, number) for other, number in zip(items, numbers, strict=True)
               if other.number != number]  # fmt: skip
    if not changed:
        return moved
    free = max(numbers) + 1
    AgendaItem.objects.filter(pk__in=[other.pk for other, _number in changed]).update(
        number=F("number") - min(numbers) + free
    )
    for other, number in changed:
        other.number = number
        other.version += 1
        _save(other, user, "Flyttet")
    _touch(meeting=meeting)
    return moved


@transaction.atomic
def decision_record(
    *,
    item: AgendaItem,
    text: str,
    not_participating: Iterable[Member] = (),
    expected_version: int | None = None,
    user: User | None = None,
) -> AgendaItem:
    """Record the body's decision on the item. The case is then offered to the next body on its
    routing, and the plan items tied to the case get the decision in their history."""
    current = _locked_for_update(AgendaItem, item, expected_version)
    if current.case_id is not None and AgendaItem.case.is_cached(item):
        if item.case is not None and item.case.pk == current.case_id:
            current.case = item.case  # the case as the caller holds it, not read again
    meeting = Meeting.objects.select_for_update().get(pk=current.meeting_id)
    _check_decidable(meeting)
    text = text.strip()
    if not text:
        raise ValidationError({"decision": _("Skriv beslutningen.")})
    current.meeting = meeting  # the caller reads the meeting's new state from the item
    current.decision = text
    current.decision_recorded_at = timezone.now()
    current.decision_recorded_by = user
    current.version += 1
    _save(current, user, "Beslutning")
    current.not_participating.set(list(not_participating))
    if meeting.state == MeetingState.AGENDA_PUBLISHED:
        meeting.state = MeetingState.HELD
        meeting.version += 1
        _save(meeting, user, "Afholdt")
    if current.case_id:
        _record_on_plan_items(current, meeting, user)
        # The case is offered to the next body (as the decision leaves it): its secretaries
        # are told once the decision is saved.
        next_body = case_next_body(case=current.case) if current.case else None
        if next_body is not None:
            _mail_on_commit(
                meeting, functools.partial(mail.mail_case_offered, current.pk, next_body.pk)
            )
    _touch(meeting=meeting)
    return current


def _check_decidable(meeting: Meeting) -> None:
    """A decision is recorded on a meeting whose agenda is out, on or after its day, until its
    minutes are approved."""
    if meeting.state == MeetingState.MINUTES_APPROVED:
        raise MinutesLocked
    if meeting.state == MeetingState.PLANNED:
        raise WrongState(_("Dagsordenen skal udsendes, før der kan træffes beslutning."))
    if meeting.date > timezone.localdate():
        raise WrongState(
            _("Mødet holdes først %(date)s: en beslutning kan først registreres på mødedagen.")
            % {"date": short_date(meeting.date)}
        )


@transaction.atomic
def decisions_record(
    *,
    decisions: Iterable[tuple[AgendaItem, str, Iterable[Member]]],
    user: User | None = None,
) -> list[AgendaItem]:
    """Record decisions, (item, text, not participating) each, as `decision_record` records
    each in turn (a document import's minutes and the decisions they quote), with the rows
    they need read once for all: the meetings and the items under their locks, who did not take
    part,
    the cases' routings and treatments, the plan items tied to them. Each decision gets its
    history entries, its plan items' entries and its case's offer to the next body, exactly as
    one recorded alone; the items are returned in the order given."""
    wanted = [(item, text.strip(), list(members)) for item, text, members in decisions]
    if not wanted:
        return []
    if len({item.pk for item, _text, _members in wanted}) < len(wanted):
        raise ValueError("decisions_record records one decision per item")
    meetings = {m.pk: m for m in _locked_meetings(i.meeting_id for i, _text, _members in wanted)}
    for meeting in meetings.values():
        _check_decidable(meeting)
    for _item, text, _members in wanted:
        if not text:
            raise ValidationError({"decision": _("Skriv beslutningen.")})
    locked = {
        item.pk: item
        for item in AgendaItem.objects.select_for_update()
        .filter(pk__in=[item.pk for item, _text, _members in wanted])
        .order_by("pk")  # the items' rows only (the default order joins meeting and body)
    }
    through = AgendaItem.not_participating.through
    rows: dict[int, list[dict[str, Any]]] = {pk: [] for pk in locked}
    for row in through.objects.filter(agendaitem_id__in=locked).values(
        *(f.attname for f in through._meta.fields)
    ):
        rows[row["agendaitem_id"]].append(row)
    absent = {pk: {row["member_id"] for row in item_rows} for pk, item_rows in rows.items()}
    case_ids = {item.case_id for item in locked.values() if item.case_id}
    # The cases whose next body may be told (not of meetings an import stores as archive):
    # their routings and treatments.
    offering = {item.case_id for item in locked.values()
                if item.case_id and _mails(meetings[item.meeting_id])}  # fmt: skip
    routing: dict[int, list[Body]] = {}
    treated: dict[int, list[AgendaItem]] = {}
    if offering:
        for route in CaseRoute.objects.filter(case_id__in=offering).select_related("body"):
            routing.setdefault(route.case_id, []).append(route.body)
        for other in AgendaItem.objects.filter(case_id__in=offering).select_related("meeting"):
            treated.setdefault(other.case_id, []).append(other)
    tied = set(Case.items.through.objects.filter(case_id__in=case_ids).values_list(
        "case_id", flat=True))  # fmt: skip
    recorded = []
    now = timezone.now()
    for item, text, _members in wanted:
        current = locked[item.pk]
        remember_loaded(current)
        if item.case_id is not None and AgendaItem.case.is_cached(item):
            if item.case is not None and item.case.pk == current.case_id:
                current.case = item.case  # the case as the caller holds it, not read again
        current.meeting = meetings[current.meeting_id]
        current.decision = text
        current.decision_recorded_at = current.updated_at = now
        current.decision_recorded_by = user
        current.version += 1
        m2m_rows_known(current, "not_participating", rows[current.pk])  # for its history
        record_as(current, user, "Beslutning")
        full_clean(current)
    # One write for the decisions; each item's history entry and index refresh as its save
    # gives them (bulk_update sends no post_save).
    items = [locked[item.pk] for item, _text, _members in wanted]
    # The texts differ, the rest is the same for all: one CASE for the texts (cheap to build,
    # unlike one per field), one plain UPDATE for what they share.
    AgendaItem.objects.bulk_update(items, ["decision"])
    AgendaItem.objects.filter(pk__in=[item.pk for item in items]).update(
        decision_recorded_at=now, decision_recorded_by=user, updated_at=now,
        version=F("version") + 1,
    )  # fmt: skip
    for current in items:
        models.signals.post_save.send(
            sender=AgendaItem, instance=current, created=False, update_fields=None, raw=False,
            using=current._state.db,
        )  # fmt: skip
    _add_not_participating([(locked[item.pk], members, absent[item.pk])
                            for item, _text, members in wanted])  # fmt: skip
    _advance([m for m in meetings.values() if m.state == MeetingState.AGENDA_PUBLISHED], user,
             "Afholdt", state=MeetingState.HELD)  # fmt: skip
    for item, _text, _members in wanted:
        current = locked[item.pk]
        meeting = meetings[current.meeting_id]
        if current.case_id in tied:
            _record_on_plan_items(current, meeting, user)
        if current.case_id in offering:
            # As decision_record: the case's treatments as this decision leaves them.
            treatments = [
                current if other.pk == current.pk else other
                for other in treated.get(current.case_id, [])
            ]
            treated[current.case_id] = treatments
            next_body = _next_body(routing.get(current.case_id, []), treatments)
            if next_body is not None:
                _mail_on_commit(
                    meeting, functools.partial(mail.mail_case_offered, current.pk, next_body.pk)
                )
        recorded.append(current)
    for meeting in meetings.values():
        _touch(meeting=meeting)
    return recorded


def _add_not_participating(wanted: list[tuple[AgendaItem, list[Member], set[int]]]) -> None:
    """`_set_not_participating` for many items: the new sets (of items without one) are
    inserted in one write, each item's signals (its history entry) as `add` sends them."""
    through = AgendaItem.not_participating.through
    new = []
    for item, members, current in wanted:
        ids = {member.pk for member in members}
        if ids == current:
            continue
        if current:
            item.not_participating.set(members)
            continue
        new.append((item, sorted(ids)))
    if not new:
        return
    signals = [
        {"sender": through, "instance": item, "reverse": False, "model": Member,
         "pk_set": set(ids), "using": item._state.db}
        for item, ids in new
    ]  # fmt: skip
    for signal in signals:
        models.signals.m2m_changed.send(action="pre_add", **signal)
    added = through.objects.bulk_create(
        [through(agendaitem_id=item.pk, member_id=pk) for item, ids in new for pk in ids]
    )
    if all(row.pk is not None for row in added):  # the rows as written, for the entries below
        fields = [f.attname for f in through._meta.fields]
        for item, _ids in new:
            m2m_rows_known(item, "not_participating", [
                {f: getattr(row, f) for f in fields} for row in added
                if row.agendaitem_id == item.pk])  # fmt: skip
    for signal in signals:
        models.signals.m2m_changed.send(action="post_add", **signal)


def _record_on_plan_items(item: AgendaItem, meeting: Meeting, user: User | None) -> None:
    """A history entry on each tied plan item: "Beslutning i Økonomiudvalget den 06-12-2022:
    Tiltrådt." The item's fields are unchanged; the entry says who decided what, when."""
    case = item.case
    if case is None:  # the caller records decisions on a case only
        return
    plan_items = list(case.items.all())
    if not plan_items:
        return
    reason = (
        f"Beslutning i {meeting.body.name} den {short_date(meeting.date)} "
        f"(sag {case.number}): {item.decision}"
    )
    item_record_decision(items=case.items.all(), agenda_item_id=item.pk, reason=reason, user=user)


@transaction.atomic
def addendum_add(*, item: AgendaItem, text: str, user: User) -> Addendum:
    """A correction to approved minutes, kept beside the original decision."""
    if not Meeting.objects.get(pk=item.meeting_id).minutes_locked:
        raise WrongState(
            _("Beslutningen kan stadig rettes; en tilføjelse bruges efter godkendelse.")
        )
    addendum = Addendum(agenda_item=item, text=text.strip(), created_by=user)
    _save(addendum, user)
    _touch(meeting=item.meeting)
    return addendum


# --- Attachments ------------------------------------------------------------------------------


@transaction.atomic
def attachment_add(
    *,
    item: AgendaItem,
    title: str,
    upload: UploadedFile | None,
    closed: bool = False,
    document_number: str = "",
    number: int | None = None,
    user: User | None = None,
) -> Attachment:
    """Attach a file to an agenda item. The file is checked first (type from its content,
    size, name); a refused file raises ValidationError and nothing is stored."""
    if Meeting.objects.get(pk=item.meeting_id).minutes_locked:
        raise MinutesLocked
    checked = uploads.check(upload) if upload is not None else None
    attachment = Attachment(
        agenda_item=item,
        number=number or (item.attachments.aggregate(n=Max("number"))["n"] or 0) + 1,
        title=title.strip(),
        closed=closed,
        document_number=document_number.strip(),
    )
    if checked is not None:
        attachment.filename = checked.filename
        attachment.content_type = checked.content_type
        attachment.size = checked.size
    record_as(attachment, user)
    full_clean(attachment, exclude=["file"])
    if checked is not None:
        # Stored under a generated name; the sanitised original name is only shown.
        attachment.file.save(checked.storage_name, upload, save=False)
    try:
        attachment.save()
    except Exception:
        if attachment.file:
            attachment.file.delete(save=False)
        raise
    _touch(meeting=item.meeting)
    return attachment


@transaction.atomic
def attachments_add(
    *,
    meeting: Meeting,
    attachments: Iterable[tuple[AgendaItem, Mapping[str, Any]]],
    user: User | None = None,
) -> list[Attachment]:
    """Attach attachments without a file (a document import's list of bilag) to items of one
    meeting in one write: (item, {"title", "closed", "document_number", "number"}) each. Each
    is stored as `attachment_add` stores it (its history entry, the search index, the portal's
    mark); one without a number follows its item's last, the numbers given alongside included,
    so a given number never meets one handed out."""
    wanted = list(attachments)
    if not wanted:
        return []
    if any(item.meeting_id != meeting.pk for item, _spec in wanted):
        raise ValueError("attachments_add adds attachments to items of one meeting")
    if Meeting.objects.get(pk=meeting.pk).minutes_locked:
        raise MinutesLocked
    last: dict[int, int] = {}
    if any(not spec.get("number") for _item, spec in wanted):
        last.update(
            Attachment.objects.filter(agenda_item_id__in={item.pk for item, _spec in wanted})
            .values("agenda_item_id")
            .annotate(n=Max("number"))
            .values_list("agenda_item_id", "n")
        )
    for item, spec in wanted:
        if spec.get("number"):
            last[item.pk] = max(last.get(item.pk, 0), spec["number"])
    built = []
    for item, spec in wanted:
        number = spec.get("number")
        if not number:
            number = last[item.pk] = last.get(item.pk, 0) + 1
        attachment = Attachment(
            agenda_item=item,
            number=number,
            title=str(spec.get("title") or "").strip(),
            closed=bool(spec.get("closed")),
            document_number=str(spec.get("document_number") or "").strip(),
        )
        record_as(attachment, user)
        full_clean(attachment, exclude=["file"])
        built.append(attachment)
    _create_all(Attachment, built)
    _touch(meeting=meeting)
    return built


@transaction.atomic
def attachment_update(
    *,
    attachment: Attachment,
    fields: Mapping[str, Any],
    expected_version: int | None = None,
    user: User | None = None,
) -> Attachment:
    """Change an attachment's title, document number or open/closed; the file stays.
    expected_version is None only for the document import."""
    current = _locked_for_update(Attachment, attachment, expected_version)
    if Meeting.objects.get(pk=attachment.agenda_item.meeting_id).minutes_locked:
        raise MinutesLocked
    for name, value in fields.items():
        setattr(current, name, value)
    current.version += 1
    _save(current, user, "Redigeret")
    _touch(meeting=current.agenda_item.meeting)
    return current


@transaction.atomic
def attachment_set_closed(
    *,
    attachment: Attachment,
    closed: bool,
    expected_version: int,
    user: User | None = None,
) -> Attachment:
    """Close or open an attachment: the state the user asked for, never a flip of the stored one.

    When it already is as asked (a double click), nothing changes. Otherwise the user must have
    seen the current version: a stale page raises MeetingConflict, so it cannot reopen what
    someone else has just closed."""
    current: Attachment = Attachment.objects.select_for_update().get(pk=attachment.pk)
    if current.closed == closed:
        return current
    if current.version != expected_version:
        raise MeetingConflict(current)
    reason = "Lukket" if closed else "Åbnet"
    if Meeting.objects.get(pk=current.agenda_item.meeting_id).minutes_locked:
        raise MinutesLocked
    current.closed = closed
    current.version += 1
    _save(current, user, reason)
    _touch(meeting=current.agenda_item.meeting)
    return current


@transaction.atomic
def attachment_remove(*, attachment: Attachment, user: User | None = None) -> None:
    if attachment.agenda_item.meeting.minutes_locked:
        raise MinutesLocked
    stored = attachment.file.name if attachment.file else ""
    record_as(attachment, user)
    attachment.delete()
    _touch(meeting=attachment.agenda_item.meeting)
    if stored:
        storage = attachment.file.storage
        transaction.on_commit(lambda: storage.delete(stored))


# --- Forward plan and agenda template ---------------------------------------------------------
# Edited by the body's secretary in Kursen's own pages, and written by higher apps (the annual
# cycle places its events as topics, the work plan moves them). A topic and a standing item
# carry a version: a form or button based on an older one raises MeetingConflict and nothing
# is saved; a row gone meanwhile raises its model's DoesNotExist.


def _topic_group(body_id: int, planned_for: datetime.date | None) -> models.QuerySet[PlannedTopic]:
    """The body's topics of one date (or those awaiting a date), in their order."""
    topics = PlannedTopic.objects.filter(body_id=body_id)
    if planned_for is None:
        topics = topics.filter(planned_for__isnull=True)
    else:
        topics = topics.filter(planned_for=planned_for)
    return topics.order_by(*TOPIC_ORDER)


def _last_position(body_id: int, planned_for: datetime.date | None) -> int:
    return _topic_group(body_id, planned_for).aggregate(n=Max("position"))["n"] or 0


@transaction.atomic
def planned_topic_add(
    *,
    body: Body,
    title: str,
    description: str = "",
    planned_for: datetime.date | None = None,
    kind: str = PlannedTopicKind.TOPIC,
    theme: Theme | None = None,
    own_item: bool = False,
    recommendation: str = "",
    document_kind: str = "",
    document_obj_id: int | None = None,
    document_title: str = "",
    wanted_for: datetime.date | None = None,
    user: User | None = None,
) -> PlannedTopic:
    """A new topic, last among the body's topics of its date."""
    topic = PlannedTopic(
        body=body,
        title=title.strip(),
        description=description.strip(),
        planned_for=planned_for,
        position=_last_position(body.pk, planned_for) + 1,
        kind=kind,
        theme=theme,
        own_item=own_item,
        recommendation=recommendation.strip(),
        document_kind=document_kind,
        document_obj_id=document_obj_id,
        document_title=document_title.strip(),
        wanted_for=wanted_for,
    )
    _save(topic, user, "Oprettet")
    return topic


class TopicOnAgenda(Exception):
    """The topic is already an item on a meeting's agenda; the message is Danish."""

    def __str__(self) -> str:
        return _("Emnet står allerede på en dagsorden og kan ikke ændres her.")


@transaction.atomic
def planned_topic_update(
    *,
    topic: PlannedTopic,
    fields: Mapping[str, Any],
    expected_version: int | None = None,
    user: User | None = None,
    reason: str = "Redigeret",
) -> PlannedTopic:
    """Change a topic (its date, texts): the one way a topic is edited, by the forward plan's
    form, the work plan's placing and the annual cycle's placement. Nothing is saved when
    nothing changed, so a placement run twice writes once; a topic given another date goes
    last among the topics of that date. expected_version None only for the annual cycle and
    the work plan, which work on what they have just read under the row lock."""
    current = _locked_for_update(PlannedTopic, topic, expected_version)
    if current.agenda_item_id is not None:
        raise TopicOnAgenda
    changed = {name: value for name, value in fields.items() if getattr(current, name) != value}
    if not changed:
        return current
    if "planned_for" in changed:
        current.position = _last_position(current.body_id, changed["planned_for"]) + 1
    for name, value in changed.items():
        setattr(current, name, value)
    current.version += 1
    _save(current, user, reason)
    return current


def planned_topic_set_date(
    *, topic: PlannedTopic, planned_for: datetime.date | None, user: User | None = None
) -> PlannedTopic:
    """Move a topic of the forward plan to a meeting's date (None: awaiting a date), as the
    work plan does when the topic is placed on a meeting."""
    return planned_topic_update(
        topic=topic, fields={"planned_for": planned_for}, user=user, reason="Flyttet"
    )


@transaction.atomic
def planned_topic_delete(
    *, topic: PlannedTopic, expected_version: int | None = None, user: User | None = None
) -> None:
    """Take a topic off the forward plan (an item already made from it stays on its agenda).
    expected_version None only for the annual cycle, which removes the topics it placed."""
    current = _locked_for_update(PlannedTopic, topic, expected_version)
    record_as(current, user, "Slettet")
    current.delete()


@transaction.atomic
def planned_topic_move(
    *, topic: PlannedTopic, up: bool, expected_version: int, user: User | None = None
) -> PlannedTopic:
    """Move a topic one place up or down among the body's topics of the same date (or those
    awaiting a date). The topic must be as the user saw it; the ones it passes keep their
    version (their texts are unchanged) but the new order is in their history too."""
    current = _locked_for_update(PlannedTopic, topic, expected_version)
    group = list(_topic_group(current.body_id, current.planned_for).select_for_update())
    index = next(n for n, t in enumerate(group) if t.pk == current.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(group):
        return current
    group[index], group[other] = group[other], group[index]
    for position, row in enumerate(group, start=1):
        if row.pk == current.pk:
            current.position = position
            current.version += 1
            _save(current, user, "Flyttet op" if up else "Flyttet ned")
        elif row.position != position:
            row.position = position
            _save(row, user, "Rækkefølge ændret")
    return current


@transaction.atomic
def standing_item_save(
    *,
    body: Body,
    number: int,
    title: str,
    kind: str = StandingKind.NONE,
    user: User | None = None,
    **texts: str,
) -> StandingItem:
    """The demo's and the import's way in: the template's item number `number`, made or set."""
    item = StandingItem.objects.filter(body=body, number=number).first() or StandingItem(
        body=body, number=number
    )
    if item.pk is not None:
        item.version += 1
    item.title = title
    item.kind = kind
    for name, value in texts.items():
        setattr(item, name, value)
    _save(item, user)
    return item


@transaction.atomic
def standing_item_add(
    *,
    body: Body,
    title: str,
    kind: str = StandingKind.NONE,
    user: User | None = None,
    **texts: str,
) -> StandingItem:
    """A new standing item, last in the template."""
    last = StandingItem.objects.filter(body=body).aggregate(n=Max("number"))["n"] or 0
    item = StandingItem(body=body, number=last + 1, title=title.strip(), kind=kind, **texts)
    _save(item, user, "Oprettet")
    return item


@transaction.atomic
def standing_item_update(
    *,
    item: StandingItem,
    fields: Mapping[str, Any],
    expected_version: int | None = None,
    user: User | None = None,
) -> StandingItem:
    """Change a standing item's title, kind or texts; nothing is saved when nothing changed."""
    current = _locked_for_update(StandingItem, item, expected_version)
    changed = {name: value for name, value in fields.items() if getattr(current, name) != value}
    if not changed:
        return current
    for name, value in changed.items():
        setattr(current, name, value)
    current.version += 1
    _save(current, user, "Redigeret")
    return current


@transaction.atomic
def standing_item_delete(
    *, item: StandingItem, expected_version: int | None = None, user: User | None = None
) -> None:
    """Remove a standing item; the ones after it move up, so the numbers stay 1, 2, 3, ..."""
    current = _locked_for_update(StandingItem, item, expected_version)
    body_id, number = current.body_id, current.number
    record_as(current, user, "Slettet")
    current.delete()
    for later in StandingItem.objects.filter(body_id=body_id, number__gt=number).order_by("number"):
        later.number -= 1
        _save(later, user, "Rykket op")


@transaction.atomic
def standing_item_move(
    *, item: StandingItem, up: bool, expected_version: int | None = None, user: User | None = None
) -> StandingItem:
    """Swap a standing item with the one before (up) or after it in the template."""
    current = _locked_for_update(StandingItem, item, expected_version)
    siblings = StandingItem.objects.select_for_update().filter(body_id=current.body_id)
    other = (
        siblings.filter(number__lt=current.number).order_by("-number").first()
        if up
        else siblings.filter(number__gt=current.number).order_by("number").first()
    )
    if other is None:
        return current
    mine, theirs = current.number, other.number
    # Through a free number: (body, number) is unique at every step.
    spare = (siblings.aggregate(n=Max("number"))["n"] or 0) + 1
    current.number = spare
    with history_skipped(current):
        current.save(update_fields=["number"])
    other.number = mine
    _save(other, user, "Flyttet")
    current.number = theirs
    current.version += 1
    _save(current, user, "Flyttet")
    return current
