from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CycleConfig(AppConfig):
    name = "cycle"
    verbose_name = _("Årshjul og arbejdsplaner")

    def ready(self) -> None:
        from plans import timeline
        from workplans.selectors import placement_timeline

        # A plan item's timeline shows its placements on the committees' work plans.
        timeline.register("workplan_placements", placement_timeline)
