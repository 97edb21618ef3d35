from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Udmøntningsplaner")

    def ready(self) -> None:
        from plans import lineage, timeline

        timeline.register("plans.lineage", lineage.timeline_entries)
