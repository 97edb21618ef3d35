"""What the apps above `plans` add to a plan item's page.

The item page lives with the plan register, but what happened to an item elsewhere (its cases
and their decisions, and later its placements on work plans and status rounds) is known to
higher apps. They register a source here when they start (their AppConfig.ready), so the
layers still run one way: `plans` never imports them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from plans.models import Item

# name in the page's context -> source(item=..., user=...) of what to show
ItemSource = Callable[..., Any]
_item_sources: dict[str, ItemSource] = {}


def register_item_source(name: str, source: ItemSource) -> None:
    """Make `source(item=item, user=user)` part of every item page's context as `name`."""
    _item_sources[name] = source


def item_context(*, item: Item, user: Any) -> dict[str, Any]:
    """What every registered app shows on `item`'s page, as `user` may see it."""
    return {name: source(item=item, user=user) for name, source in _item_sources.items()}


# name in the strategic plan page's context -> source(plan=..., user=...) of what to show
PlanSource = Callable[..., Any]
_plan_sources: dict[str, PlanSource] = {}


def register_plan_source(name: str, source: PlanSource) -> None:
    """Make `source(plan=plan, user=user)` part of the strategic plan's page as `name` (for
    example the board's strategic reviews of it, known to `cycle`). The page shows each
    source's value at its bottom, in registration order: give a rendered section (HTML, e.g.
    `render_to_string` of the app's own `_partial.html`); a falsy value shows nothing."""
    _plan_sources[name] = source


def plan_context(*, plan: Any, user: Any) -> dict[str, Any]:
    """What every registered app shows on `plan`'s strategic plan page, as `user` may see it."""
    return {name: source(plan=plan, user=user) for name, source in _plan_sources.items()}
