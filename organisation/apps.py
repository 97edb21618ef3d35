from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "organisation"
    verbose_name = _("Organisation")

    def ready(self) -> None:
        from organisation import history

        history.install()  # history entries can be written in bulk (history.bulk_history)

        from notify.mail import register_context
        from organisation.models import Municipality

        # Every mail names the kommune (read when the mail is rendered, in the worker).
        def municipality() -> dict[str, str]:
            found = Municipality.objects.values_list("name", flat=True).first()
            return {"municipality": found or ""}

        register_context(municipality)

        from notify.permissions import register_administrator_check
        from organisation.permissions import user_is_administrator

        # "Sendte mails" is for administrators, by the same rule as every admin-only page.
        register_administrator_check(user_is_administrator)
