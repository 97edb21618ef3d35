from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Dokumenter")

    def ready(self) -> None:
        from documents.strategy import STATUS_KIND, strategic_plan_status
        from meetings import generated

        # The board's strategic review gets the status of the strategic plan attached.
        generated.register(STATUS_KIND, strategic_plan_status)

        from documents.workplan import presented_workplan

        # The work plan attached when it is presented to the committee (workplans.services).
        generated.register("workplan", presented_workplan)

        from documents.followup import status_report_maker

        # A status round's report, put on Direktionen's or ØK's agenda (followup.services).

        generated.register("status_report", status_report_maker)
