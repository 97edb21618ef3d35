"""Reads of status rounds: progress, the report and its comparison, what is due for a person,
and "Mit overblik". Every function runs a fixed number of queries, however many items."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.utils import timezone

from danish.formatting import amount, parse_timing
from followup.models import Answer, Round, Visit
from followup.workdays import working_days_before
from meetings import selectors as meeting_selectors
from meetings.access import CLOSED_ITEM, Access
from meetings.models import AgendaItem, Case, Meeting
from organisation.models import Body
from organisation.permissions import editor_scope, user_is_administrator
from plans.models import KIND_LABELS, STATUS_LABELS, Item, ItemKind, ItemStatus

ANSWERED = (Answer.State.SUBMITTED, Answer.State.APPROVED)
STATE_LABELS = {value: str(label) for value, label in Answer.State.choices}


def director_areas(user: Any) -> set[int]:
    """The directors' areas on the user's profile (a director reviews their area's answers)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return editor_scope(user)["directors"]


def rounds_list() -> QuerySet[Round]:
    return Round.objects.select_related("plan").annotate(
        total=Count("answers"), answered=Count("answers", filter=Q(answers__state__in=ANSWERED))
    )


def reminder_dates(*, round: Round) -> list[tuple[str, datetime.date]]:
    """("d10", date) per reminder: that many Danish working days before the deadline."""
    return [(f"d{days}", working_days_before(round.deadline, days)) for days in round.reminder_days]


def is_late(round: Round, answer_state: str, today: datetime.date | None = None) -> bool:
    """Late: not answered when the deadline passed. An item of a round closed before its
    deadline is "ikke besvaret", not late."""
    if answer_state in ANSWERED:
        return False
    return _past_deadline(round, today)


def state_counts(*, round: Round) -> dict[str, int]:
    counts = round.answers.aggregate(
        total=Count("pk"),
        answered=Count("pk", filter=Q(state__in=ANSWERED)),
        approved=Count("pk", filter=Q(state=Answer.State.APPROVED)),
        returned=Count("pk", filter=Q(state=Answer.State.RETURNED)),
        unmapped=Count("pk", filter=Q(respondent__isnull=True)),
    )
    counts["unanswered"] = counts["total"] - counts["answered"]
    counts["late"] = counts["unanswered"] if _past_deadline(round) else 0
    return counts


def _past_deadline(round: Round, today: datetime.date | None = None) -> bool:
    """Whether the deadline passed while the round was open: by today for an open round, by
    the day it was closed for a closed one."""
    if not round.is_open and round.closed_at is not None:
        until = timezone.localtime(round.closed_at).date()
    else:
        until = today or timezone.localdate()
    return until > round.deadline


@dataclass
class ProgressRow:
    label: str
    total: int
    answered: int
    approved: int
    returned: int
    late: int
    # Not answered: late once the deadline passed, "ikke besvaret" in a round closed before it.
    missing: int = 0

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.total) if self.total else 0


def progress(*, round: Round) -> dict[str, Any]:
    """The round's progress per committee and per director: answered, approved, returned and
    late, and the items no person could be found for (two aggregate queries and one list)."""
    late = _past_deadline(round)
    closed_early = not round.is_open and not late

    def rows(group: str, order: str) -> list[ProgressRow]:
        found = (
            round.answers.values(group)
            .annotate(
                total=Count("pk"),
                answered=Count("pk", filter=Q(state__in=ANSWERED)),
                approved=Count("pk", filter=Q(state=Answer.State.APPROVED)),
                returned=Count("pk", filter=Q(state=Answer.State.RETURNED)),
                first=Max(order),
            )
            .order_by("first", group)
        )
        return [
            ProgressRow(
                label=row[group] or "Uden direktør/område",
                total=row["total"],
                answered=row["answered"],
                approved=row["approved"],
                returned=row["returned"],
                late=row["total"] - row["answered"] if late else 0,
                missing=row["total"] - row["answered"] if late or closed_early else 0,
            )
            for row in found
        ]

    unmapped = list(
        round.answers.filter(respondent__isnull=True)
        .select_related("item__committee", "item__director")
        .order_by("item__committee__position", "item__code")
    )
    return {
        "committees": rows("item__committee__name", "item__committee__position"),
        "directors": rows("item__director__title", "item__director__position"),
        "unmapped": unmapped,
        "counts": state_counts(round=round),
        "missing_label": "Ikke besvaret" if closed_early else "For sent",
    }


def pending_by_respondent(*, round: Round) -> list[tuple[User, list[Answer]]]:
    """Each person with items not yet submitted, with those items (for the reminder mail)."""
    answers = (
        round.answers.exclude(state__in=ANSWERED)
        .filter(respondent__isnull=False)
        .select_related("respondent", "item")
        .order_by("respondent__username", "item__code")
    )
    grouped: dict[int, tuple[User, list[Answer]]] = {}
    for answer in answers:
        assert answer.respondent is not None
        grouped.setdefault(answer.respondent_id, (answer.respondent, []))[1].append(answer)  # type: ignore[arg-type]
    return list(grouped.values())


def answers_for_round(*, round: Round) -> QuerySet[Answer]:
    return round.answers.with_everything().prefetch_related("item__themes")


# --- Facts: what the report shows of one answer, live or frozen ------------------------------


def _timing_key(year: int | None, quarter: int | None, month: int | None) -> int | None:
    """A number that orders indicative times: the last month the time covers."""
    if year is None:
        return None
    if quarter:
        return year * 100 + quarter * 3
    return year * 100 + (month or 12)


def _key_of_label(label: str) -> int | None:
    try:
        return _timing_key(*parse_timing(label))
    except ValueError:
        return None


def answer_facts(answer: Answer, today: datetime.date | None = None) -> dict[str, Any]:
    """The answer and its item as plain data (what a closed round keeps as its snapshot)."""
    item = answer.item
    today = today or timezone.localdate()
    key = _timing_key(answer.timing_year, answer.timing_quarter, answer.timing_month)
    has_amounts = any(getattr(item, f"amount_{n}") for n in range(1, 5))
    finished = answer.status in (ItemStatus.COMPLETED, ItemStatus.DROPPED)
    return {
        "item_id": item.pk,
        "code": item.code,
        "title": item.title,
        "committee": item.committee.name,
        "committee_position": item.committee.position,
        "kind": item.kind,
        "kind_label": KIND_LABELS[item.kind],
        "themes": sorted(theme.name for theme in item.themes.all()),
        "director": item.director.title if item.director else "",
        "status": answer.status,
        "status_label": STATUS_LABELS[answer.status],
        "status_before": answer.status_before,
        "status_before_label": STATUS_LABELS[answer.status_before],
        "timing": answer.timing_label,
        "timing_key": key,
        "timing_before": answer.timing_before,
        "timing_before_key": _key_of_label(answer.timing_before),
        "overdue": key is not None and not finished and key < today.year * 100 + today.month,
        "note": answer.note,
        "note_date": answer.note_date.isoformat() if answer.note_date else "",
        "realised": amount(answer.realised) if answer.realised is not None else "",
        "has_amounts": has_amounts,
        "state": answer.state,
        "state_label": STATE_LABELS[answer.state],
        "answered": answer.state in ANSWERED,
        "respondent": _name(answer.respondent),
        "review_comment": answer.review_comment,
    }


def _name(user: User | None) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.username


def round_facts(*, round: Round) -> list[dict[str, Any]]:
    """Every answer's facts in plan order: the snapshot of a closed round, live otherwise."""
    if not round.is_open:
        facts = [
            answer.snapshot
            for answer in round.answers.only("snapshot", "round_id").order_by("pk")
            if answer.snapshot
        ]
    else:
        facts = [answer_facts(answer) for answer in answers_for_round(round=round)]
    kind_order = {kind.value: i for i, kind in enumerate(ItemKind)}
    return sorted(
        facts,
        key=lambda f: (f["committee_position"], f["committee"], kind_order[f["kind"]], f["code"]),
    )


# --- The report ------------------------------------------------------------------------------

STATUS_ORDER = [status.value for status in ItemStatus]


@dataclass
class ChartRow:
    label: str
    counts: list[int]  # per status, in STATUS_ORDER

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass
class Chart:
    key: str
    title: str
    group_label: str
    rows: list[ChartRow]
    statuses: list[tuple[str, str]] = field(
        default_factory=lambda: [(s, STATUS_LABELS[s]) for s in STATUS_ORDER]
    )

    @property
    def totals(self) -> list[int]:
        return [sum(row.counts[i] for row in self.rows) for i in range(len(STATUS_ORDER))]


def _chart(key: str, title: str, group_label: str, groups: dict[str, Counter[str]]) -> Chart:
    return Chart(
        key=key,
        title=title,
        group_label=group_label,
        rows=[
            ChartRow(label, [counter[s] for s in STATUS_ORDER]) for label, counter in groups.items()
        ],
    )


def charts(facts: list[dict[str, Any]]) -> list[Chart]:
    """Status per committee, kind and theme."""
    by_committee: dict[str, Counter[str]] = defaultdict(Counter)
    by_kind: dict[str, Counter[str]] = {str(label): Counter() for label in KIND_LABELS.values()}
    by_theme: dict[str, Counter[str]] = defaultdict(Counter)
    for fact in facts:
        by_committee[fact["committee"]][fact["status"]] += 1
        by_kind[fact["kind_label"]][fact["status"]] += 1
        for theme in fact["themes"] or ["Uden strategisk tema"]:
            by_theme[theme][fact["status"]] += 1
    by_kind = {label: counter for label, counter in by_kind.items() if counter}
    return [
        _chart("udvalg", "Status pr. udvalg", "Udvalg", by_committee),
        _chart("type", "Status pr. type", "Type", by_kind),
        _chart("tema", "Status pr. strategisk tema", "Tema", dict(sorted(by_theme.items()))),
    ]


def previous_round(*, round: Round) -> Round | None:
    """The closed round on the same plan before this one (the default comparison)."""
    return (
        Round.objects.filter(plan_id=round.plan_id, state=Round.State.CLOSED)
        .exclude(pk=round.pk)
        .filter(deadline__lte=round.deadline)
        .order_by("-deadline", "-pk")
        .first()
    )


def comparable_rounds(*, round: Round) -> QuerySet[Round]:
    """Every other round of the plan that a report can be compared with."""
    return Round.objects.filter(plan_id=round.plan_id).exclude(pk=round.pk).order_by("-deadline")


def changes(
    facts: list[dict[str, Any]], earlier: list[dict[str, Any]] | None
) -> dict[str, list[dict[str, Any]]]:
    """What changed: status moves, new delays, items finished, notes. Against the earlier
    round's facts when given, else against the items as they stood when this round opened."""
    before = {fact["item_id"]: fact for fact in earlier or []}
    moves, delays, finished, notes = [], [], [], []
    for fact in facts:
        if earlier is not None:
            old = before.get(fact["item_id"])
            if old is None:
                continue
            status_before, key_before, timing_before = (
                old["status"],
                old["timing_key"],
                old["timing"],
            )
        else:
            status_before, key_before, timing_before = (
                fact["status_before"],
                fact["timing_before_key"],
                fact["timing_before"],
            )
        entry = fact | {"from_status": STATUS_LABELS[status_before], "from_timing": timing_before}
        if fact["status"] != status_before:
            moves.append(entry)
            if fact["status"] == ItemStatus.COMPLETED:
                finished.append(entry)
        if key_before is not None and fact["timing_key"] is not None:
            if fact["timing_key"] > key_before:
                delays.append(entry)
        if fact["note"]:
            notes.append(entry)
    return {"moves": moves, "delays": delays, "finished": finished, "notes": notes}


def report(*, round: Round, compare_with: Round | None = None) -> dict[str, Any]:
    """Everything the report shows (page, PDF and .docx): the charts, the changes since the
    earlier round (the previous closed one unless another is chosen), the late and blocked
    items and each item's answer."""
    facts = round_facts(round=round)
    earlier_round = compare_with or previous_round(round=round)
    earlier = round_facts(round=earlier_round) if earlier_round is not None else None
    return {
        "round": round,
        "facts": facts,
        "charts": charts(facts),
        "compared_with": earlier_round,
        "changes": changes(facts, earlier),
        "overdue": [f for f in facts if f["overdue"]],
        "blocked": [f for f in facts if f["status"] == ItemStatus.POSTPONED],
        "unanswered": [f for f in facts if not f["answered"]],
        "counts": Counter(f["status"] for f in facts),
    }


def round_decision(*, round: Round, user: Any) -> AgendaItem | None:
    """The agenda item the report was put on, if the user may read it."""
    if round.agenda_item_id is None:
        return None
    items = AgendaItem.objects.filter(pk=round.agenda_item_id).select_related("meeting__body")
    return Access.for_user(user).agenda_items(items).first()


# --- What is due for a person, and "Mit overblik" --------------------------------------------


def due_for(*, user: Any) -> QuerySet[Answer]:
    """The user's answers in open rounds not yet submitted (returned ones included)."""
    return (
        Answer.objects.filter(round__state=Round.State.OPEN, respondent_id=user.pk)
        .exclude(state__in=ANSWERED)
        .select_related("round", "item__committee")
        .order_by("round__deadline", "item__code")
    )


def reviews_for(*, user: Any) -> QuerySet[Answer]:
    """Submitted answers in the user's areas, waiting for their review."""
    areas = director_areas(user)
    answers = Answer.objects.filter(
        round__state=Round.State.OPEN,
        state=Answer.State.SUBMITTED,
        item__director_id__in=sorted(areas),
    )
    return answers.select_related("round", "item__committee", "respondent").order_by(
        "round__deadline", "item__code"
    )


@dataclass
class PlacedItem:
    number: int
    title: str
    url: str
    closed: bool


@dataclass
class ComingMeeting:
    meeting: Meeting
    items: list[PlacedItem]


COMING_DAYS = 42


def coming_meetings(*, user: Any, today: datetime.date | None = None) -> list[ComingMeeting]:
    """The coming six weeks' meetings of the user's bodies (an administrator's: every body's),
    with what is placed on them; a closed item the user may not read shows as "Lukket punkt"."""
    today = today or timezone.localdate()
    access = Access.for_user(user)
    meetings = Meeting.objects.filter(
        date__gte=today, date__lte=today + datetime.timedelta(days=COMING_DAYS)
    )
    if not user_is_administrator(user):
        meetings = meetings.filter(body_id__in=sorted(editor_scope(user)["bodies"]))
    meetings = meetings.select_related("body").prefetch_related(
        Prefetch("items", queryset=AgendaItem.objects.select_related("case").order_by("number"))
    )
    result = []
    for meeting in meetings.order_by("date", "start_time")[:20]:
        placed = []
        for item in meeting.items.all():
            item.meeting = meeting
            sees = access.sees_content(item)
            title = item.title if sees else str(CLOSED_ITEM)
            if sees and item.case is not None:
                title = f"{item.case.number} {title}"
            placed.append(PlacedItem(item.number, title, item.get_absolute_url(), not sees))
        result.append(ComingMeeting(meeting, placed))
    return result


def cases_waiting(*, user: Any) -> list[tuple[Body, list[Case]]]:
    """Cases offered to one of the user's bodies (decided by the body before), through the
    access gate."""
    bodies = Body.objects.filter(pk__in=sorted(editor_scope(user)["bodies"])).order_by("position")
    found = []
    for body in bodies:
        cases = meeting_selectors.cases_awaiting(body=body, user=user)
        if cases:
            found.append((body, cases))
    return found


def last_visit(*, user: Any) -> datetime.datetime:
    """The login before this one (a fortnight ago for a first login)."""
    visit = Visit.objects.filter(user_id=user.pk).first()
    if visit is not None and visit.previous is not None:
        return visit.previous
    return timezone.now() - datetime.timedelta(days=14)


def changed_by_others(*, user: Any, since: datetime.datetime, limit: int = 50) -> list[Item]:
    """The user's items (of their committees and areas, or asked of them in a round) that
    someone else changed since `since`, newest change first."""
    scope = editor_scope(user)
    mine = Item.objects.filter(
        Q(committee_id__in=sorted(scope["bodies"]))
        | Q(director_id__in=sorted(scope["directors"]))
        | Q(round_answers__respondent_id=user.pk)
    ).values("pk")
    changed = (
        Item.history.filter(history_date__gt=since, id__in=mine)
        .exclude(history_user_id=user.pk)
        .values("id")
        .annotate(last=Max("history_date"))
        .order_by("-last")[:limit]
    )
    last = {row["id"]: row["last"] for row in changed}
    items = Item.objects.filter(pk__in=list(last)).select_related("committee")
    found = sorted(items, key=lambda item: last[item.pk], reverse=True)
    for item in found:
        item.changed_at = last[item.pk]  # type: ignore[attr-defined]
    return found


def overview(*, user: Any) -> dict[str, Any]:
    """Everything on "Mit overblik"."""
    since = last_visit(user=user)
    return {
        "due": list(due_for(user=user)),
        "reviews": list(reviews_for(user=user)),
        "meetings": coming_meetings(user=user),
        "waiting": cases_waiting(user=user),
        "changed": changed_by_others(user=user, since=since),
        "since": since,
    }
