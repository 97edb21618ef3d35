"""Signals the plan register sends for writes that Django's own signals do not see.

Bulk writes (`bulk_create`, `bulk_update`) send no post_save; apps above `plans` that keep
derived data (the search index) listen here instead, so `plans` never imports them.
"""

from django.dispatch import Signal

# Sent inside the writing transaction with `ids`: the plan items written in bulk.
items_saved_in_bulk = Signal()
