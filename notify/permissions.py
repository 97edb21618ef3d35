"""Who may open notify's administration page "Sendte mails".

notify imports no app above it, so the rule comes from above: organisation registers Kursen's
administrator check (organisation.permissions.user_is_administrator) from its AppConfig.ready,
as it registers the kommune's name for the mails. Until something is registered, no one may.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_ADMINISTRATOR: list[Callable[[Any], bool]] = []


def register_administrator_check(check: Callable[[Any], bool]) -> None:
    _ADMINISTRATOR[:] = [check]


def may_administer_mail(user: Any) -> bool:
    """Whether the user may see every outgoing mail and send a failed one again."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return bool(_ADMINISTRATOR) and bool(_ADMINISTRATOR[0](user))
