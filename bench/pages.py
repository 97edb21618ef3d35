"""The plan page beside Django admin's changelist of the same items, at growing sizes.

Both pages are requested through Django's test client as a logged-in administrator, so the
time is the server's: URL routing, middleware, views, queries and template rendering, without
network or browser. The plan page shows its first 250 items grouped by committee and kind
with totals over all items; the admin changelist (the baseline) shows 100 plain rows.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from bench import data
from bench.measure import Timing, measure

SIZES = (200, 2_000, 20_000)


@dataclass
class PageResult:
    items: int
    plan_page: Timing
    admin: Timing
    plan_page_kb: float
    admin_kb: float

    @property
    def ratio(self) -> float:
        return self.plan_page.median / self.admin.median


def run(*, admin: User, sizes: tuple[int, ...] = SIZES, repeat: int) -> list[PageResult]:
    """Build a plan per size ("Bench 200", ...) and time both pages on it."""
    client = Client()
    client.force_login(admin)
    results = []
    for size in sizes:
        plan = data.plan_create(f"Bench {size}")
        data.items_add(plan, size, seed=size)
        plan_url = reverse("plans:plan", args=[plan.pk])
        # plan is in ItemAdmin.list_filter; an unknown parameter would redirect with ?e=1.
        admin_url = f"{reverse('admin:plans_item_changelist')}?plan__id__exact={plan.pk}"
        plan_page = measure(functools.partial(_get, client, plan_url), repeat=repeat)
        admin_page = measure(functools.partial(_get, client, admin_url), repeat=repeat)
        results.append(
            PageResult(
                items=size,
                plan_page=plan_page,
                admin=admin_page,
                plan_page_kb=len(plan_page.result) / 1024,
                admin_kb=len(admin_page.result) / 1024,
            )
        )
    return results


def _get(client: Client, url: str) -> bytes:
    """The page's HTML; anything but 200 would measure the wrong thing, so it stops the run."""
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} answered {response.status_code}, not 200")
    return response.content
