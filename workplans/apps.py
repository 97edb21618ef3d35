from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkplansConfig(AppConfig):
    name = "workplans"
    verbose_name = _("Arbejdsplaner")

    def ready(self) -> None:
        from plans import timeline
        from workplans.selectors import placement_timeline

        # A plan item's timeline shows its placements on the committees' work plans.
        timeline.register("workplan_placements", placement_timeline)
