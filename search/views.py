"""The staff search page: everything the user may see, ranked, with filters."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_safe

from search.forms import SearchForm


@require_safe
def search(request):
    """Search plan items, status notes, cases, agenda items, decisions and attachments."""
    form = SearchForm(request.GET or None, user=request.user)
    results = form.search(user=request.user) if request.GET else None
    context = {"form": form, "results": results, "public": False}
    # As the user types, htmx asks for the results only.
    template = "search/_results.html" if request.htmx else "search/search.html"
    return render(request, template, context)
