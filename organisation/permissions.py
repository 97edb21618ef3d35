"""Who may do what: roles and edit rights. Who may *see* closed content is decided by the
one gate, `meetings.access`, which builds on the profile's bodies read here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from organisation.models import Profile

if TYPE_CHECKING:
    from typing import TypeAlias

    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    from meetings.models import Case
    from plans.models import Item

    # Whoever reads: request.user (anonymous on the public pages), or None for the operator's
    # commands and the document import, which read as no one in particular. Writes take a
    # logged-in user or None (AbstractBaseUser | None): history and authors name a real user.
    Reader: TypeAlias = AbstractBaseUser | AnonymousUser | None


def user_role(user: AbstractBaseUser | AnonymousUser) -> str | None:
    if not user.is_authenticated:
        return None
    if getattr(user, "is_superuser", False):
        return Profile.Role.ADMINISTRATOR
    profile = getattr(user, "profile", None)
    return profile.role if profile else Profile.Role.READER


def user_is_administrator(user: AbstractBaseUser | AnonymousUser) -> bool:
    return user_role(user) == Profile.Role.ADMINISTRATOR


def user_can_edit_any_item(user: AbstractBaseUser | AnonymousUser) -> bool:
    return user_role(user) in {Profile.Role.ADMINISTRATOR, Profile.Role.EDITOR}


def user_can_edit_item(user: AbstractBaseUser | AnonymousUser, item: Item) -> bool:
    """Administrators edit everything; editors the items of their committees or areas."""
    role = user_role(user)
    if role == Profile.Role.ADMINISTRATOR:
        return True
    if role != Profile.Role.EDITOR:
        return False
    scope = editor_scope(user)
    return item.committee_id in scope["bodies"] or (
        item.director_id is not None and item.director_id in scope["directors"]
    )


def user_can_edit_case(user: AbstractBaseUser | AnonymousUser, case: Case) -> bool:
    """Administrators edit every case; editors the cases routed through one of their bodies
    (the secretariats that treat it)."""
    role = user_role(user)
    if role == Profile.Role.ADMINISTRATOR:
        return True
    if role != Profile.Role.EDITOR:
        return False
    routing = {route.body_id for route in case.routing.all()}
    return bool(routing & editor_scope(user)["bodies"])


def user_can_prepare_meetings(user: AbstractBaseUser | AnonymousUser, body_id: int) -> bool:
    """Administrators, and editors of the body (its secretariat), prepare and minute meetings."""
    role = user_role(user)
    if role == Profile.Role.ADMINISTRATOR:
        return True
    return role == Profile.Role.EDITOR and body_id in editor_scope(user)["bodies"]


def editor_scope(user) -> dict[str, set[int]]:
    """The bodies and directors on the user's profile."""
    # Cached on the user object: a page checks many items, the scope is read once.
    cached = getattr(user, "_kursen_editor_scope", None)
    if cached is None:
        profile = getattr(user, "profile", None)
        if profile is None:
            return {"bodies": set(), "directors": set()}
        cached = {
            "bodies": set(profile.bodies.values_list("pk", flat=True)),
            "directors": set(profile.directors.values_list("pk", flat=True)),
        }
        user._kursen_editor_scope = cached
    return cached
