"""A cProfile of one plan page request, to see what dominates when the page is slow."""

from __future__ import annotations

import cProfile
import io
import pstats

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from bench import data

TOP = 25


def plan_page_profile(*, admin: User, items: int) -> str:
    """The top calls by cumulative and by own time of the plan page at `items` items."""
    plan = data.plan_create(f"Bench profile {items}")
    data.items_add(plan, items, seed=items + 2)
    client = Client()
    client.force_login(admin)
    url = reverse("plans:plan", args=[plan.pk])
    client.get(url)  # warm-up: template compilation and caches
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(5):
        client.get(url)
    profiler.disable()
    out = io.StringIO()
    out.write(f"Profile: plan page at {items:,} items, 5 requests\n")
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    stats.sort_stats("cumulative").print_stats(TOP)
    stats.sort_stats("tottime").print_stats(TOP)
    return out.getvalue()
