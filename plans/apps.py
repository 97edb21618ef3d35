from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Udmøntningsplaner")

    def ready(self) -> None:
        from plans import lineage, timeline
        from plans.selectors import timeline_edits, timeline_notes

        # An item's own story on its timeline: its edits and its status notes.
        timeline.register("edits", timeline_edits)
        timeline.register("notes", timeline_notes)
        # Where an item came from and where it went between budget periods.
        timeline.register("plans.lineage", lineage.timeline_entries)
