"""The kinds of mail a user may choose, and what each user chose.

Apps above register their kinds from AppConfig.ready (`register_kind`); the page "Mine mails"
lists them. A kind nobody registered is still wanted by default.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.functional import Promise

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


@dataclass(frozen=True)
class MailKind:
    kind: str
    label: str | Promise  # Danish, after "Send mig en mail, når …": "en dagsorden er udsendt"
    description: str | Promise = ""
    position: int = 100
    name: str | Promise = ""  # what it is, for "Sendte mails": "Dagsorden udsendt"


_KINDS: dict[str, MailKind] = {}


def register_kind(
    kind: str,
    label: str | Promise,
    description: str | Promise = "",
    *,
    position: int = 100,
    name: str | Promise = "",
) -> None:
    """Make a kind of mail choosable on "Mine mails" (the label completes "Send mig en mail,
    når …"); `name` says what such a mail is on "Sendte mails" ("Dagsorden udsendt").
    Registering a kind again replaces it."""
    _KINDS[kind] = MailKind(kind, label, description, position, name)


def kinds() -> list[MailKind]:
    return sorted(_KINDS.values(), key=lambda k: (k.position, str(k.label)))


def kind_name(kind: str) -> str:
    """What a kind of mail is called on "Sendte mails": its name, or the kind itself for one
    no app registered (any longer)."""
    found = _KINDS.get(kind)
    if found is None:
        return kind
    return str(found.name) if found.name else str(found.label)


def wants(user: AbstractBaseUser, kind: str) -> bool:
    """Whether the user wants mails of this kind (default: yes). One query."""
    from notify.models import MailPreference

    choice = (
        MailPreference.objects.filter(user_id=user.pk, kind=kind)
        .values_list("wanted", flat=True)
        .first()
    )
    return True if choice is None else choice


def wanting(users: Iterable[AbstractBaseUser], kind: str) -> list[AbstractBaseUser]:
    """Of these users, those who want mails of this kind, in order. One query for all."""
    from notify.models import MailPreference

    users = list(users)
    if not users:
        return []
    declined = set(
        MailPreference.objects.filter(
            kind=kind, wanted=False, user_id__in=[u.pk for u in users]
        ).values_list("user_id", flat=True)
    )
    return [u for u in users if u.pk not in declined]


def choices_of(user: AbstractBaseUser) -> dict[str, bool]:
    """Every registered kind and whether the user wants it."""
    from notify.models import MailPreference

    saved = dict(MailPreference.objects.filter(user_id=user.pk).values_list("kind", "wanted"))
    return {k.kind: saved.get(k.kind, True) for k in kinds()}
