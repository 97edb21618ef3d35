from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from plans.models import Heading, Item, Plan, StatusNote, Theme


class HeadingInline(admin.TabularInline):
    model = Heading
    extra = 0


class ThemeInline(admin.StackedInline):
    model = Theme
    extra = 0


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ["name", "first_year", "last_year", "adopted_on", "state"]
    inlines = [HeadingInline, ThemeInline]


@admin.register(Heading)
class HeadingAdmin(SimpleHistoryAdmin):
    list_display = ["name", "plan", "position"]
    list_filter = ["plan"]


@admin.register(Theme)
class ThemeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "plan", "position"]
    list_filter = ["plan"]


@admin.register(Item)
class ItemAdmin(SimpleHistoryAdmin):
    """Kept for administrators and as the baseline of the plan-page benchmark.

    Day-to-day editing happens on the item pages, which check concurrent edits.
    """

    list_display = ["code", "title", "committee", "kind", "status", "plan"]
    list_filter = ["plan", "committee", "kind", "status"]
    list_select_related = ["committee", "plan"]
    search_fields = ["code", "title"]
    filter_horizontal = ["themes", "sdgs", "political_bodies"]


@admin.register(StatusNote)
class StatusNoteAdmin(SimpleHistoryAdmin):
    list_display = ["item", "date", "author"]
    list_select_related = ["item", "author"]
