"""Reference data of the meetings part: agenda templates and the forward plan.

Meetings, cases, agenda items and attachments are edited on Kursen's own pages, where the
minutes' lock, the version check and the upload checks apply; the admin shows them read-only.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from meetings.access import Access
from meetings.models import AgendaItem, Case, Meeting, PlannedTopic, StandingItem
from organisation.concurrency import EditLockAdminMixin


@admin.register(StandingItem)
class StandingItemAdmin(EditLockAdminMixin, SimpleHistoryAdmin):
    list_display = ["body", "number", "title", "kind"]
    list_filter = ["body"]


@admin.register(PlannedTopic)
class PlannedTopicAdmin(EditLockAdminMixin, SimpleHistoryAdmin):
    list_display = ["body", "planned_for", "title"]
    list_filter = ["body"]
    search_fields = ["title"]


class ReadOnlyAdmin(SimpleHistoryAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["body", "date", "start_time", "state"]
    list_filter = ["body", "state"]
    date_hierarchy = "date"


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = ["number", "title", "closed"]
    search_fields = ["number", "title"]

    def get_queryset(self, request):
        # Staff who are not administrators see only what the access gate lets them.
        return Access.for_user(request.user).cases(super().get_queryset(request))


@admin.register(AgendaItem)
class AgendaItemAdmin(ReadOnlyAdmin):
    list_display = ["meeting", "number", "title", "closed"]
    list_select_related = ["meeting__body"]

    def get_queryset(self, request):
        return Access.for_user(request.user).agenda_items(super().get_queryset(request))
