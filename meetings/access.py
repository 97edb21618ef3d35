"""The one access rule for closed content: who may see which case, agenda item, section,
decision, addendum and attachment. Every page, fragment, document, export, feed, search,
history view, import and copy asks this module (STYLE.md rule 23, after Zulip's
`access_stream_by_id`).

The rule:
- administrators (and the system, e.g. a management command) see everything;
- a user whose profile names a body sees the closed content of that body's meetings, and the
  closed cases routed through that body (number, title: to put them on its agenda);
- everyone else (readers and editors without the body, anonymous visitors) sees none.

Content keeps the closure of the agenda item it came from: a section, decision, earlier
decision, addendum or attachment of a closed item is judged by that item's meeting's body,
wherever it is shown or copied. A closed item is closed when it or its case is closed.

Metadata versus content: a closed item's number and title are shown (as "Lukket punkt") to
whoever sees the meeting; its content only to those with the right. A forbidden id is
answered exactly as a missing one (Http404), so nothing learns that it exists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from django.db.models import Model, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from organisation.permissions import editor_scope, user_role

if TYPE_CHECKING:
    from meetings.models import AgendaItem, Attachment, Case, Meeting

_M = TypeVar("_M", bound=Model)

# The one redaction: what a viewer without content access reads instead.
CLOSED_ITEM = _("Lukket punkt")
CLOSED_ATTACHMENT = _("Lukket bilag")
CLOSED_DECISION = _("Beslutning på et lukket punkt")


def open_q(prefix: str = "") -> Q:
    """An agenda item is open when neither it nor its case is closed."""
    return Q(**{f"{prefix}closed": False}) & (
        Q(**{f"{prefix}case__isnull": True}) | Q(**{f"{prefix}case__closed": False})
    )


class Access:
    """What one viewer may see of closed content. Computed once per request and user.

    `bodies` is None for everything (administrators, the system), else the bodies whose
    closed content the viewer sees (empty for the public and readers without a body).
    `staff` says whether the viewer is logged in (staff pages show planned meetings).
    """

    __slots__ = ("bodies", "staff")

    def __init__(self, *, bodies: frozenset[int] | None, staff: bool) -> None:
        self.bodies = bodies
        self.staff = staff

    def __repr__(self) -> str:
        return f"Access(bodies={self.bodies!r}, staff={self.staff})"

    # -- Construction ------------------------------------------------------------------------

    @classmethod
    def for_user(cls, user: Any) -> Access:
        """The access of a user (anonymous included). The profile's bodies are read once per
        request: `editor_scope` caches them on the user object (and a profile change clears
        that cache, organisation.services)."""
        if user is None or not getattr(user, "is_authenticated", False):
            return cls.public()
        role = user_role(user)
        bodies = None if role == "administrator" else frozenset(editor_scope(user)["bodies"])
        return cls(bodies=bodies, staff=True)

    @classmethod
    def public(cls) -> Access:
        """The public portal: open content of published meetings only, whoever asks."""
        return cls(bodies=frozenset(), staff=False)

    @classmethod
    def system(cls) -> Access:
        """Everything: commands and imports run without a user."""
        return cls(bodies=None, staff=True)

    @classmethod
    def of(cls, who: Any) -> Access:
        """An Access as given, or that of a user."""
        return who if isinstance(who, Access) else cls.for_user(who)

    # -- The rule ----------------------------------------------------------------------------

    @property
    def sees_everything(self) -> bool:
        return self.bodies is None

    def sees_body(self, body_id: int | None) -> bool:
        """The viewer sees the closed content of this body's meetings."""
        return self.bodies is None or (body_id is not None and body_id in self.bodies)

    # -- One Q predicate per kind (pages, counts and documents use the same) --------------------

    def agenda_item_q(self, prefix: str = "") -> Q:
        """Agenda items whose content the viewer may see (closure judged by the item's own
        meeting's body)."""
        if self.bodies is None:
            return Q()
        access = open_q(prefix)
        if self.bodies:
            access |= Q(**{f"{prefix}meeting__body__in": sorted(self.bodies)})
        return access

    def case_q(self, prefix: str = "") -> Q:
        """Cases the viewer may see: open ones, and closed ones routed through their bodies."""
        if self.bodies is None:
            return Q()
        from meetings.models import CaseRoute

        access = Q(**{f"{prefix}closed": False})
        if self.bodies:
            routed = CaseRoute.objects.filter(body_id__in=sorted(self.bodies)).values("case_id")
            access |= Q(**{f"{prefix}pk__in": routed})
        return access

    def attachment_q(self, prefix: str = "") -> Q:
        """Attachments the viewer may open: open ones of open items, and every attachment of
        the meetings of their bodies."""
        if self.bodies is None:
            return Q()
        access = Q(**{f"{prefix}closed": False}) & open_q(f"{prefix}agenda_item__")
        if self.bodies:
            access |= Q(**{f"{prefix}agenda_item__meeting__body__in": sorted(self.bodies)})
        return access

    def meeting_q(self, prefix: str = "") -> Q:
        """Meetings the viewer may see at all: every one for staff, published ones for the
        public."""
        if self.staff:
            return Q()
        from meetings.models import MeetingState

        return ~Q(**{f"{prefix}state": MeetingState.PLANNED})

    # -- Querysets --------------------------------------------------------------------------

    def agenda_items(self, queryset: QuerySet[_M]) -> QuerySet[_M]:
        return queryset.filter(self.agenda_item_q())

    def cases(self, queryset: QuerySet[_M]) -> QuerySet[_M]:
        return queryset.filter(self.case_q())

    def attachments(self, queryset: QuerySet[_M]) -> QuerySet[_M]:
        return queryset.filter(self.attachment_q())

    def meetings(self, queryset: QuerySet[_M]) -> QuerySet[_M]:
        return queryset.filter(self.meeting_q())

    def content_item_ids(self, ids: set[int] | list[int]) -> set[int]:
        """Of these agenda item ids, those whose content the viewer may see (missing ids are
        not seen, except by those who see everything)."""
        from meetings.models import AgendaItem

        ids = set(ids)
        if not ids or self.bodies is None:
            return ids
        visible = AgendaItem.objects.filter(self.agenda_item_q(), pk__in=ids)
        return set(visible.values_list("pk", flat=True))

    # -- Typed predicates for one object ------------------------------------------------------

    def sees_meeting(self, meeting: Meeting) -> bool:
        return self.staff or meeting.is_public

    def sees_content(self, item: AgendaItem) -> bool:
        """The viewer may read the item's sections, decision, addenda and attachments' list."""
        if self.bodies is None:
            return True
        if not item.is_closed:
            return True
        return item.meeting.body_id in self.bodies

    def sees_case(self, case: Case) -> bool:
        if self.bodies is None or not case.closed:
            return True
        return case.routing.filter(body_id__in=self.bodies).exists()

    def sees_attachment(self, attachment: Attachment) -> bool:
        if self.bodies is None:
            return True
        item = attachment.agenda_item
        if not attachment.closed and not item.is_closed:
            return True
        return item.meeting.body_id in self.bodies


# --- Entry points for views: a forbidden id is a missing id ---------------------------------


def access_meeting(who: Any, pk: int, *, queryset: QuerySet[Meeting] | None = None) -> Meeting:
    from meetings.models import Meeting

    access = Access.of(who)
    meetings: QuerySet[Meeting] = queryset if queryset is not None else Meeting.objects.all()
    found: Meeting | None = access.meetings(meetings).select_related("body").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def access_agenda_item(
    who: Any, pk: int, *, content: bool = True, queryset: QuerySet[AgendaItem] | None = None
) -> AgendaItem:
    """The agenda item, if the viewer sees its meeting and, with content=True (the default),
    its content; else Http404, as for an id that does not exist."""
    from meetings.models import AgendaItem

    access = Access.of(who)
    items = queryset if queryset is not None else AgendaItem.objects.all()
    items = items.filter(access.meeting_q("meeting__"))
    if content:
        items = access.agenda_items(items)
    found = items.select_related("meeting__body", "case").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def access_case(who: Any, pk: int, *, queryset: QuerySet[Case] | None = None) -> Case:
    from meetings.models import Case

    access = Access.of(who)
    cases: QuerySet[Case] = queryset if queryset is not None else Case.objects.all()
    found: Case | None = access.cases(cases).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def access_attachment(
    who: Any, pk: int, *, queryset: QuerySet[Attachment] | None = None
) -> Attachment:
    from meetings.models import Attachment

    access = Access.of(who)
    attachments = queryset if queryset is not None else Attachment.objects.all()
    attachments = access.attachments(attachments).filter(access.meeting_q("agenda_item__meeting__"))
    found = attachments.select_related("agenda_item__meeting__body").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found
