"""Every write to status rounds: opening, answering, reviewing, reminding, closing, and putting
the report on an agenda. Views, the daily reminder job and the demo call the same code."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from followup import mail, selectors
from followup.models import Answer, ReminderSent, RespondentRule, Round
from meetings import generated
from meetings import services as meeting_services
from meetings.access import Access
from meetings.models import AgendaItem, Meeting
from organisation.history import record_as
from organisation.models import Body, Profile
from organisation.permissions import user_is_administrator
from plans import services as plan_services
from plans.models import Item, ItemKind, ItemStatus, Plan, Theme

FINISHED = (ItemStatus.COMPLETED, ItemStatus.DROPPED)
# Reminders as the issue proposes them: 10 and 3 working days before, and on the day.
DEFAULT_REMINDERS = [10, 3, 0]


class AnswerConflict(Exception):
    """Someone saved the answer since the user opened it; `current` is the saved one."""

    def __init__(self, current: Answer) -> None:
        super().__init__(f"Answer {current.pk} is at version {current.version}")
        self.current = current


class RoundConflict(Exception):
    def __init__(self, current: Round) -> None:
        super().__init__(f"Round {current.pk} is at version {current.version}")
        self.current = current


class RoundClosed(ValidationError):
    def __init__(self) -> None:
        super().__init__(_("Statusrunden er lukket: svarene kan ikke længere ændres."))


class RoundPlanArchived(ValidationError):
    """The round's plan was archived (read-only) while the round was open."""

    def __init__(self, plan: Plan) -> None:
        super().__init__(
            _(
                "Planen »%(plan)s« er arkiveret og kan kun læses: svarene i statusrunden kan "
                "ikke ændres, og runden kan ikke lukkes. Tag planen ud af arkivet først."
            )
            % {"plan": plan.name}
        )


def archive_blockers(*, plan: Plan) -> list[str]:
    """Why the plan cannot be archived (plans.archiving): each open status round on it."""
    return [
        _("Luk statusrunden »%(name)s« før planen arkiveres.") % {"name": name}
        for name in Round.objects.filter(plan=plan, state=Round.State.OPEN)
        .order_by("deadline", "pk")
        .values_list("name", flat=True)
    ]


# --- Opening ---------------------------------------------------------------------------------


def round_items(
    *,
    plan: Plan,
    committee: Body | None = None,
    kind: str = "",
    theme: Theme | None = None,
) -> QuerySet[Item]:
    """The items a round asks about: every item not finished (or dropped), narrowed by the
    administrator's filter."""
    items = plan.items.exclude(status__in=FINISHED)
    if committee is not None:
        items = items.filter(Q(committee=committee) | Q(cross_cutting=True))
    if kind:
        items = items.filter(kind=kind)
    if theme is not None:
        items = items.filter(themes=theme)
    return items.distinct()


def _people() -> dict[str, list[Any]]:
    """Who can answer: every user with a profile, with its role, bodies and directors, in
    three queries (a round of 1,500 items maps them all at once)."""
    profiles = list(
        Profile.objects.select_related("user")
        .filter(user__is_active=True)
        .order_by("user__username")
    )
    by_profile = {profile.pk: profile for profile in profiles}
    bodies = Profile.bodies.through.objects.filter(profile_id__in=list(by_profile))
    directors = Profile.directors.through.objects.filter(profile_id__in=list(by_profile))
    return {
        "profiles": profiles,
        "bodies": [(by_profile[r.profile_id], r.body_id) for r in bodies],
        "directors": [(by_profile[r.profile_id], r.director_id) for r in directors],
    }


def _normalised(text: str) -> str:
    """Casefolded, with runs of whitespace as one space: how names are compared."""
    return " ".join(text.split()).casefold()


def _by_name(user: User) -> set[str]:
    names = {user.username, user.get_full_name(), user.email}
    return {_normalised(name) for name in names if name and name.strip()}


def contact_user(
    contact: str, *, exact: dict[str, User], full_names: dict[str, User]
) -> User | None:
    """The user an item's contact text names: one whose username, full name or e-mail it is,
    or one whose full name it ends with, on a word boundary ("Erhvervschef Lars Kjær" is
    Lars Kjær; "Anne-Lars Kjær" is not)."""
    text = _normalised(contact)
    if not text:
        return None
    if text in exact:
        return exact[text]
    words = text.split(" ")
    # Longest ending first: "Chef Anna Maria Holm" is Anna Maria Holm before Maria Holm.
    for start in range(1, len(words)):
        found = full_names.get(" ".join(words[start:]))
        if found is not None:
            return found
    return None


def respondent_map(items: Sequence[Item], rule: str) -> dict[int, User | None]:
    """Who answers for each item by the rule: its director's user (a profile naming the
    director's area), its contact person (a user whose name, username or e-mail is the item's
    contact, or whose full name ends it, as in "Erhvervschef Lars Kjær") or the committee's
    editor (an editor whose profile names the committee). None where no user could be found:
    the round's page lists those items."""
    people = _people()
    editors = {Profile.Role.EDITOR, Profile.Role.ADMINISTRATOR}
    result: dict[int, User | None] = {}
    if rule == RespondentRule.DIRECTOR:
        director_user: dict[int, User] = {}
        for profile, director_id in sorted(people["directors"], key=_order):
            director_user.setdefault(director_id, profile.user)
        for item in items:
            result[item.pk] = director_user.get(item.director_id) if item.director_id else None
    elif rule == RespondentRule.EDITOR:
        body_user: dict[int, User] = {}
        for profile, body_id in sorted(people["bodies"], key=_order):
            if profile.role in editors:
                body_user.setdefault(body_id, profile.user)
        for item in items:
            result[item.pk] = body_user.get(item.committee_id)
    else:
        named: dict[str, User] = {}
        full_names: dict[str, User] = {}
        for profile in people["profiles"]:
            for name in _by_name(profile.user):
                named.setdefault(name, profile.user)
            full_name = _normalised(profile.user.get_full_name())
            if full_name:
                full_names.setdefault(full_name, profile.user)
        for item in items:
            result[item.pk] = (
                contact_user(item.contact, exact=named, full_names=full_names)
                if item.contact
                else None
            )
    return result


def _order(pair: tuple[Profile, int]) -> tuple[int, str]:
    # Editors before administrators, then by username: the one who does the work answers.
    profile = pair[0]
    return (0 if profile.role == Profile.Role.EDITOR else 1, profile.user.username)


def _clean_reminders(days: Iterable[int]) -> list[int]:
    cleaned = sorted({int(day) for day in days}, reverse=True)
    if any(day < 0 or day > 60 for day in cleaned):
        raise ValidationError(
            {"reminder_days": _("Påmindelser angives som 0 til 60 arbejdsdage før fristen.")}
        )
    return cleaned


@transaction.atomic
def round_open(
    *,
    plan: Plan,
    name: str,
    deadline: datetime.date,
    rule: str = RespondentRule.CONTACT,
    reminder_days: Iterable[int] = DEFAULT_REMINDERS,
    committee: Body | None = None,
    kind: str = "",
    theme: Theme | None = None,
    user: User | None = None,
    today: datetime.date | None = None,
) -> Round:
    """Open a round: one answer per item asked about, each with the person who answers for
    it, starting from the item's present status and time."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Giv statusrunden et navn, f.eks. »Status juni 2025«.")})
    if Round.objects.filter(plan=plan, name=name).exists():
        raise ValidationError({"name": _("Planen har allerede en statusrunde med det navn.")})
    if deadline < (today or timezone.localdate()):
        raise ValidationError({"deadline": _("Svarfristen kan ikke ligge før i dag.")})
    if rule not in RespondentRule.values:
        raise ValidationError({"rule": _("Vælg, hvem der svarer for indsatserne.")})
    if kind and kind not in ItemKind.values:
        raise ValidationError({"kind": _("Vælg en af indsatstyperne.")})
    if theme is not None and theme.plan_id != plan.pk:
        raise ValidationError({"theme": _("Temaet hører ikke til planen.")})
    if plan.state == Plan.State.ARCHIVED:
        raise ValidationError(_("Planen er arkiveret: der kan ikke åbnes en statusrunde på den."))
    # Only what an answer starts from: a round on a whole plan loads 1,500 items.
    items = list(
        round_items(plan=plan, committee=committee, kind=kind, theme=theme).only(
            "pk",
            "status",
            "timing_year",
            "timing_quarter",
            "timing_month",
            "committee",
            "director",
            "contact",
            "plan",
            "kind",
        )
    )
    if not items:
        raise ValidationError(
            _("Udvalget af indsatser er tomt: alle er afsluttet eller filteret rammer ingen.")
        )
    round = Round(
        plan=plan,
        name=name,
        deadline=deadline,
        rule=rule,
        reminder_days=_clean_reminders(reminder_days),
        committee=committee,
        kind=kind,
        theme=theme,
        opened_by=user,
    )
    record_as(round, user, "Åbnet")
    round.full_clean()
    round.save()
    who = respondent_map(items, rule)
    answers = [
        Answer(
            round=round,
            item=item,
            respondent=who[item.pk],
            status=item.status,
            status_before=item.status,
            timing_before=item.timing_label,
            timing_year=item.timing_year,
            timing_quarter=item.timing_quarter,
            timing_month=item.timing_month,
        )
        for item in items
    ]
    # The round's history entry ("Åbnet", by whom) records the answers' making; each answer's
    # own history starts with the first change a person makes to it.
    Answer.objects.bulk_create(answers, batch_size=500)
    # The daily job may already have run today: what is due today goes out now, claimed in
    # ReminderSent like the job's own, so the job sends it no second time.
    round_send_due_reminders(round=round, today=today)
    return round


# --- Answering and review --------------------------------------------------------------------


def user_may_answer(user: Any, answer: Answer) -> bool:
    return user_is_administrator(user) or (
        answer.respondent_id is not None and answer.respondent_id == user.pk
    )


def user_may_review(user: Any, answer: Answer) -> bool:
    """Administrators, and the director of the item's area (a profile naming it)."""
    if user_is_administrator(user):
        return True
    director = answer.item.director_id
    return director is not None and director in selectors.director_areas(user)


ANSWER_FIELDS = (
    "status",
    "note",
    "note_date",
    "timing_year",
    "timing_quarter",
    "timing_month",
    "realised",
)


def _locked(answer: Answer, expected_version: int) -> Answer:
    current = (
        Answer.objects.select_for_update(of=("self",))
        .select_related("round__plan", "item")
        .get(pk=answer.pk)
    )
    if current.version != expected_version:
        raise AnswerConflict(current)
    if not current.round.is_open:
        raise RoundClosed
    if current.round.plan.is_archived:
        raise RoundPlanArchived(current.round.plan)
    return current


@transaction.atomic
def answer_save(
    *,
    answer: Answer,
    fields: dict[str, Any],
    expected_version: int,
    submit: bool = False,
    user: User,
) -> Answer:
    """Save the answer as a draft, or submit it for the director's review. An approved
    answer is settled: only a return by the director opens it again."""
    current = _locked(answer, expected_version)
    if not user_may_answer(user, current):
        raise PermissionDenied(_("Du er ikke den, der svarer for denne indsats."))
    if current.state == Answer.State.APPROVED:
        raise ValidationError(_("Svaret er godkendt og kan ikke ændres."))
    for name in ANSWER_FIELDS:
        if name in fields:
            setattr(current, name, fields[name])
    current.note = (current.note or "").strip()
    if current.note and current.note_date is None:
        current.note_date = timezone.localdate()
    if current.timing_quarter and current.timing_month:
        raise ValidationError({"timing_month": _("Angiv enten kvartal eller måned, ikke begge.")})
    if submit:
        if current.status != current.status_before and not current.note:
            raise ValidationError({"note": _("Skriv en statusnote, der forklarer den nye status.")})
        current.state = Answer.State.SUBMITTED
        current.submitted_at = timezone.now()
    elif current.state != Answer.State.RETURNED:
        current.state = Answer.State.DRAFT
    current.version += 1
    record_as(current, user, "Indsendt" if submit else "Gemt som kladde")
    current.full_clean(exclude=["round", "item", "respondent", "reviewed_by"])
    current.save()
    return current


@transaction.atomic
def answer_review(
    *, answer: Answer, approve: bool, comment: str = "", expected_version: int, user: User
) -> Answer:
    """The director approves a submitted answer, or returns it with a comment."""
    current = _locked(answer, expected_version)
    if not user_may_review(user, current):
        raise PermissionDenied(_("Kun direktøren for området kan gennemse svaret."))
    if current.state != Answer.State.SUBMITTED:
        raise ValidationError(_("Kun et indsendt svar kan godkendes eller sendes retur."))
    comment = comment.strip()
    if not approve and not comment:
        raise ValidationError(
            {"comment": _("Skriv, hvad der skal rettes, når svaret sendes retur.")}
        )
    current.state = Answer.State.APPROVED if approve else Answer.State.RETURNED
    current.review_comment = comment
    current.reviewed_by = user
    current.reviewed_at = timezone.now()
    current.version += 1
    record_as(current, user, "Godkendt" if approve else "Sendt retur")
    current.save()
    return current


# --- Reminders -------------------------------------------------------------------------------


def _send_once(*, round: Round, key: str, send: Callable[..., int] | None = None) -> int:
    """Mail each person with unanswered items their reminder `key`, once: the row in
    ReminderSent is written first, so a second worker (or a second click) sends nothing."""
    pending = selectors.pending_by_respondent(round=round)
    sent = 0
    for respondent, answers in pending:
        try:
            with transaction.atomic():
                ReminderSent.objects.create(round=round, user=respondent, key=key)
        except IntegrityError:
            continue
        sent += (send or mail.send_reminder)(round=round, user=respondent, answers=answers, key=key)
    return sent


def round_send_due_reminders(*, round: Round, today: datetime.date | None = None) -> int:
    """The reminders due today (by their working days before the deadline), each once."""
    today = today or timezone.localdate()
    if not round.is_open:
        return 0
    return sum(
        _send_once(round=round, key=key)
        for key, day in selectors.reminder_dates(round=round)
        if day == today
    )


def round_remind_again(*, round: Round, user: User | None = None) -> int:
    """An extra reminder now, to every person with unanswered items (the administrator's
    "Påmind igen"); numbered so each one goes out once per person."""
    if not round.is_open:
        raise RoundClosed
    number = (
        ReminderSent.objects.filter(round=round, key__startswith="igen-")
        .values("key")
        .distinct()
        .count()
        + 1
    )
    return _send_once(round=round, key=f"igen-{number}")


@transaction.atomic
def round_reminders_change(
    *,
    round: Round,
    reminder_days: Iterable[int],
    expected_version: int,
    user: User | None = None,
    today: datetime.date | None = None,
) -> Round:
    """Change when the open round's reminders go out; one now due today goes at once (the
    daily job may have run already), claimed once like the job's own."""
    current = Round.objects.select_for_update(of=("self",)).select_related("plan").get(pk=round.pk)
    if current.version != expected_version:
        raise RoundConflict(current)
    if not current.is_open:
        raise RoundClosed
    if current.plan.is_archived:
        raise RoundPlanArchived(current.plan)
    days = _clean_reminders(reminder_days)
    if days != current.reminder_days:
        current.reminder_days = days
        current.version += 1
        record_as(current, user, "Påmindelser ændret")
        current.save()
    round_send_due_reminders(round=current, today=today)
    return current


def reminders_run(today: datetime.date | None = None) -> int:
    """The daily job (notify.schedule): every open round's reminders due today."""
    return sum(
        round_send_due_reminders(round=round, today=today)
        for round in Round.objects.filter(state=Round.State.OPEN).select_related("plan")
    )


# --- Closing ---------------------------------------------------------------------------------


@transaction.atomic
def round_close(*, round: Round, expected_version: int, user: User | None = None) -> Round:
    """Close the round: the answers are frozen as the report's snapshot, and each answered
    item gets its new status, time and status note through plans.services (recorded, with
    the round's name as the reason)."""
    current = Round.objects.select_for_update(of=("self",)).select_related("plan").get(pk=round.pk)
    if current.version != expected_version:
        raise RoundConflict(current)
    if not current.is_open:
        raise RoundClosed
    if current.plan.is_archived:
        raise RoundPlanArchived(current.plan)
    answers = list(
        current.answers.with_everything().prefetch_related(
            "item__themes", "item__sdgs", "item__political_bodies"
        )
    )
    reason = _("Statusrunde »%(name)s«") % {"name": current.name}
    changes = []
    notes = []
    for answer in answers:
        answer.snapshot = selectors.answer_facts(answer)
        if not answer.is_answered:
            continue
        item = answer.item
        fields = {
            "status": answer.status,
            "timing_year": answer.timing_year,
            "timing_quarter": answer.timing_quarter,
            "timing_month": answer.timing_month,
        }
        if any(getattr(item, name) != value for name, value in fields.items()):
            m2m = {name: list(getattr(item, name).all()) for name in plan_services.M2M_FIELDS}
            changes.append(plan_services.ItemChange(fields=fields, m2m=m2m, item=item))
        if answer.note:
            notes.append(answer)
    if changes:
        plan_services.items_save_many(plan=current.plan, changes=changes, user=user, reason=reason)
    for answer in notes:
        plan_services.status_note_add(
            item=answer.item,
            text=answer.note,
            date=answer.note_date or timezone.localdate(),
            user=answer.respondent or user,  # type: ignore[arg-type]
        )
    Answer.objects.bulk_update(answers, ["snapshot"], batch_size=500)
    current.state = Round.State.CLOSED
    current.closed_at = timezone.now()
    current.version += 1
    record_as(current, user, "Lukket")
    current.save()
    return current


# --- The report on an agenda -----------------------------------------------------------------

AGENDA_BODIES = (Body.Kind.EXECUTIVE_BOARD, Body.Kind.FINANCE_COMMITTEE)


def agenda_meetings() -> QuerySet[Meeting]:
    """Where a round's report can be put: Direktionen's and ØK's coming meetings."""
    return (
        Meeting.objects.filter(body__kind__in=AGENDA_BODIES, date__gte=timezone.localdate())
        .exclude(state=Meeting.State.MINUTES_APPROVED)
        .select_related("body")
        .order_by("date", "start_time")
    )


@transaction.atomic
def round_put_on_agenda(*, round: Round, meeting: Meeting, user: User | None = None) -> AgendaItem:
    """Put the closed round's report on Direktionen's or ØK's agenda as an item with the
    report attached (made by documents, registered as "status_report" in meetings.generated)."""
    current = Round.objects.select_for_update().select_related("plan").get(pk=round.pk)
    if current.is_open:
        raise ValidationError(_("Luk statusrunden, før rapporten sættes på en dagsorden."))
    if current.agenda_item_id is not None:
        raise ValidationError(_("Rapporten er allerede sat på en dagsorden."))
    if not agenda_meetings().filter(pk=meeting.pk).exists():
        raise ValidationError(
            {"meeting": _("Vælg et kommende møde i Direktionen eller Økonomiudvalget.")}
        )
    counts = selectors.state_counts(round=current)
    item = meeting_services.agenda_item_add(
        meeting=meeting,
        user=user,
        fields={
            # The round's name says "Status …" already: "Udmøntningsplan 2025-2028: Status
            # januar 2027".
            "title": _("%(plan)s: %(name)s") % {"plan": current.plan.name, "name": current.name},
            "case_presentation": _status_text(current, counts),
            "recommendation": _("Det indstilles, at rapporten tages til efterretning."),
        },
    )
    filename, content = generated.make("status_report", obj_id=current.pk, access=Access.public())
    meeting_services.attachment_add(
        item=item,
        title=_("Statusrapport: %(name)s") % {"name": current.name},
        upload=SimpleUploadedFile(filename, content, content_type="application/pdf"),
        user=user,
    )
    current.agenda_item = item
    current.version += 1
    record_as(current, user, "Sat på dagsordenen")
    current.save(update_fields=["agenda_item", "version"])
    return item


def _status_text(round: Round, counts: dict[str, int]) -> str:
    return _(
        "Statusrunden »%(name)s« omfattede %(total)s indsatser; %(answered)s er besvaret, og "
        "%(approved)s er godkendt af direktøren for området. Rapporten er vedlagt som bilag."
    ) % {"name": round.name, **counts}


def parse_reminder_days(text: str) -> list[int]:
    """ "10, 3, 0" as [10, 3, 0]; a Danish error for anything else."""
    parts = [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]
    try:
        days = [int(part) for part in parts]
    except ValueError:
        raise ValidationError(
            {
                "reminder_days": _(
                    "Skriv påmindelserne som hele tal adskilt af komma, f.eks. »10, 3, 0«."
                )
            }
        ) from None
    return _clean_reminders(days)
