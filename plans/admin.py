from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from organisation.concurrency import EditLockAdminMixin
from plans.models import Heading, Item, Plan, StatusNote, Theme


class HeadingInline(admin.TabularInline):
    model = Heading
    extra = 0


class ThemeInline(admin.StackedInline):
    model = Theme
    extra = 0


@admin.register(Plan)
class PlanAdmin(EditLockAdminMixin, SimpleHistoryAdmin):
    edit_lock_related = ("headings", "themes")
    list_display = ["name", "first_year", "last_year", "adopted_on", "state"]
    inlines = [HeadingInline, ThemeInline]


@admin.register(Heading)
class HeadingAdmin(EditLockAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "plan", "position"]
    list_filter = ["plan"]


@admin.register(Theme)
class ThemeAdmin(EditLockAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "plan", "position"]
    list_filter = ["plan"]


@admin.register(Item)
class ItemAdmin(SimpleHistoryAdmin):
    """Read-only: items are edited on the item pages, whose saves check the item's version
    and record one history entry; an admin save would bypass both. Kept for looking up and
    deleting items, and as the baseline of the plan-page benchmark.
    """

    list_display = ["code", "title", "committee", "kind", "status", "plan"]
    list_filter = ["plan", "committee", "kind", "status"]
    list_select_related = ["committee", "plan"]
    search_fields = ["code", "title"]
    filter_horizontal = ["themes", "sdgs", "political_bodies"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(StatusNote)
class StatusNoteAdmin(EditLockAdminMixin, SimpleHistoryAdmin):
    list_display = ["item", "date", "author"]
    list_select_related = ["item", "author"]
