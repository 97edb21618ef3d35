from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Dokumenter")

    def ready(self) -> None:
        from documents.workplan import presented_workplan
        from meetings import generated

        # The work plan attached when it is presented to the committee (workplans.services).
        generated.register("workplan", presented_workplan)
