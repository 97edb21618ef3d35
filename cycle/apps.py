from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CycleConfig(AppConfig):
    name = "cycle"
    verbose_name = _("Årshjul og arbejdsplaner")

    def ready(self) -> None:
        from cycle import selectors, services
        from meetings.signals import meeting_dated
        from plans import pages, timeline

        # A new or moved meeting gets the annual cycle's events that fit it (meetings cannot
        # import cycle, so it announces the date and cycle places).
        meeting_dated.connect(services.on_meeting_dated, dispatch_uid="cycle.place_on_meeting")
        # The strategic plan's page lists the board's reviews of it and the briefings on its
        # themes; a plan item's timeline shows the cycle's events serving it.
        pages.register_plan_source("strategic_reviews", selectors.strategic_reviews)
        pages.register_plan_source("strategic_briefings", selectors.strategic_briefings)
        timeline.register("cycle", selectors.timeline_entries)
