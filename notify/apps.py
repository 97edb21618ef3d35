from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotifyConfig(AppConfig):
    name = "notify"
    verbose_name = _("Post og baggrundsopgaver")

    def ready(self) -> None:
        from django.contrib import admin

        # The task libraries register admin pages of their own (task results, the RQ
        # dashboard) in English. Kursen's admin is for reference data; the work in the
        # background is followed through the worker's log, so they are taken out.
        for label in ("django_tasks_database", "django_rq"):
            for model in list(admin.site._registry):
                if model._meta.app_label == label:
                    admin.site.unregister(model)
