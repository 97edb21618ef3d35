from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from organisation.concurrency import EditLockAdminMixin
from plans.models import Heading, Item, Plan, StatusNote, Theme


class ArchivedReadOnlyMixin:
    """An archived plan is read-only here too: its headings, themes and notes cannot be
    changed or deleted in the admin (the plan itself can, to take it out of the archive)."""

    def _archived(self, obj) -> bool:
        plan = getattr(obj, "plan", None) or getattr(getattr(obj, "item", None), "plan", None)
        return plan is not None and plan.is_archived

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._archived(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._archived(obj)


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
class HeadingAdmin(ArchivedReadOnlyMixin, EditLockAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "plan", "position"]
    list_filter = ["plan"]


@admin.register(Theme)
class ThemeAdmin(ArchivedReadOnlyMixin, EditLockAdminMixin, SimpleHistoryAdmin):
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
class StatusNoteAdmin(ArchivedReadOnlyMixin, EditLockAdminMixin, SimpleHistoryAdmin):
    list_display = ["item", "date", "author"]
    list_select_related = ["item", "author"]
