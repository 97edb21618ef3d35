"""What keeps a plan from being archived, as the apps above `plans` know it.

An archived plan is read-only, so work still going on in it elsewhere (an open status round,
known to `followup`) must end first. Those apps register a check here when they start (their
AppConfig.ready); `plans` never imports them, so the layers still run one way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError

# check(plan=...) -> the Danish reasons the plan cannot be archived now (empty: it can)
ArchiveCheck = Callable[..., list[str]]
_checks: dict[str, ArchiveCheck] = {}


def register_archive_check(name: str, check: ArchiveCheck) -> None:
    """Ask `check(plan=plan)` before `plan` is archived; each reason it gives refuses it."""
    _checks[name] = check


def archive_blockers(*, plan: Any) -> list[str]:
    """Every registered app's reasons `plan` cannot be archived now, in registration order."""
    return [reason for check in _checks.values() for reason in check(plan=plan)]


def check_archivable(*, plan: Any) -> None:
    """Raise a ValidationError with the reasons, if there are any."""
    reasons = archive_blockers(plan=plan)
    if reasons:
        raise ValidationError(reasons)
