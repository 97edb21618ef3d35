"""Writes to the organisation: bodies, their members, and users' profiles.

Views, the admin, the document import and commands call these, so the rules (only an
administrator creates a body) and the history (who changed whose access) hold for all of them.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models.signals import post_save
from django.utils.translation import gettext as _

from organisation.history import history_skipped, record_as
from organisation.models import Body, Director, Member, Profile
from organisation.permissions import user_can_prepare_meetings, user_is_administrator
from organisation.validation import full_clean


class BodyForbidden(PermissionDenied):
    """Only administrators create bodies; the message names the body."""

    def __init__(self, name: str) -> None:
        super().__init__(
            _("%(name)s findes ikke i Kursen, og kun en administrator kan oprette et udvalg.")
            % {"name": name}
        )


@transaction.atomic
def body_create(
    *,
    name: str,
    abbreviation: str,
    kind: str,
    position: int | None = None,
    user: AbstractBaseUser | None,
) -> Body:
    """A new political or administrative body, recorded in its history.

    `user` None is the operator's own command line (demo, import command without --user);
    everyone else must be an administrator: a new body is a new place for closed content."""
    if user is not None and not user_is_administrator(user):
        raise BodyForbidden(name)
    body = Body(name=name.strip(), abbreviation=abbreviation.strip(), kind=kind,
                position=Body.objects.count() if position is None else position)  # fmt: skip
    record_as(body, user, "Oprettet")
    body.full_clean()
    body.save()
    return body


@transaction.atomic
def member_create(
    *,
    body: Body,
    name: str,
    title: str = "",
    party: str = "",
    role: str = Member.Role.MEMBER,
    active: bool = True,
    position: int = 0,
    user: AbstractBaseUser | None,
) -> Member:
    """A member of a body, recorded in its history. Administrators, and the body's
    secretariat (who minute its meetings), add members; `user` None is the operator."""
    member = Member(name=name, title=title, party=party, role=role, active=active,
                    position=position)  # fmt: skip
    return members_create(body=body, members=[member], user=user)[0]


@transaction.atomic
def members_create(
    *, body: Body, members: Iterable[Member], user: AbstractBaseUser | None
) -> list[Member]:
    """New members of one body (unsaved Member objects: name, title, party, role, active,
    position), each as `member_create` creates one, in one write; the objects get their keys."""
    wanted = list(members)
    if not wanted:
        return []
    if user is not None and not user_can_prepare_meetings(user, body.pk):
        raise PermissionDenied(
            _("Du kan ikke tilføje medlemmer til %(body)s.") % {"body": body.name}
        )
    for member in wanted:
        member.body = body
        member.name, member.title = member.name.strip(), member.title.strip()
        member.party = member.party.strip()
        record_as(member, user, "Oprettet")
        full_clean(member)
    if len(wanted) == 1:
        wanted[0].save()
        return wanted
    Member.objects.bulk_create(wanted)
    for member in wanted:  # bulk_create sends no post_save: the history entry
        post_save.send(sender=Member, instance=member, created=True, update_fields=None,
                       raw=False, using=member._state.db)  # fmt: skip
    return wanted


@transaction.atomic
def profile_update(
    *,
    profile: Profile,
    role: str | None = None,
    bodies: Iterable[Body] | None = None,
    directors: Iterable[Director] | None = None,
    user: AbstractBaseUser | None,
) -> Profile:
    """Change a user's role, bodies and directors (which grant edit rights and closed access).

    The change is one history entry holding the whole new state, both sets included, and the
    user who made it; nothing is recorded when nothing changed."""
    created = profile.pk is None
    before = None if created else _profile_state(Profile.objects.get(pk=profile.pk))
    if role is not None:
        profile.role = role
    profile.full_clean(exclude=["user"] if created else None)
    with history_skipped(profile):  # one entry below, with the final state
        profile.save()
        if bodies is not None:
            profile.bodies.set(list(bodies))
        if directors is not None:
            profile.directors.set(list(directors))
    if created or _profile_state(profile) != before:
        record_as(profile, user, "Oprettet" if created else "Adgang ændret")
        post_save.send(sender=Profile, instance=profile, created=created, update_fields=None,
                       raw=False, using=profile._state.db)  # fmt: skip
    # Rights are cached on the user object for one request; a changed profile drops the cache.
    if hasattr(profile.user, "_kursen_editor_scope"):
        del profile.user._kursen_editor_scope
    return profile


def _profile_state(profile: Profile) -> tuple[str, list[int], list[int]]:
    return (
        profile.role,
        sorted(profile.bodies.values_list("pk", flat=True)),
        sorted(profile.directors.values_list("pk", flat=True)),
    )


@transaction.atomic
def profile_renew_calendar_key(*, user: AbstractBaseUser) -> Profile:
    """A new personal calendar address for the user; every earlier one stops working.

    A user without a profile gets one with the default role, which is what they have anyway.
    """
    # Locked, not an F() expression: the profile's history copies the saved values.
    profile, _ = Profile.objects.select_for_update().get_or_create(user=user)
    profile.calendar_key_version += 1
    profile.save(update_fields=["calendar_key_version"])
    return profile
