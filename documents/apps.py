from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Dokumenter")

    def ready(self) -> None:
        from documents.followup import status_report_maker
        from meetings import generated

        generated.register("status_report", status_report_maker)
