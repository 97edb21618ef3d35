"""The staff search page: everything the user may see, ranked, with filters."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_safe

from search.forms import SearchForm


@require_safe
def search(request):
    """Search plan items, status notes, cases, agenda items, decisions and attachments."""
    form = SearchForm(request.GET or None)
    results = form.search(user=request.user) if request.GET else None
    return render(request, "search/search.html", {"form": form, "results": results})
