from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CycleConfig(AppConfig):
    name = "cycle"
    verbose_name = _("Årshjul og arbejdsplaner")

    def ready(self) -> None:
        from workplans.selectors import placement_timeline
        from plans import timeline

        # A plan item's timeline shows its placements on the committees' work plans.
        timeline.register("workplan_placements", placement_timeline)
