from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "followup"
    verbose_name = _("Statusopfølgning")

    def ready(self) -> None:
        import datetime

        from django.contrib.auth.signals import user_logged_in

        from followup import mail, services, timeline
        from notify import schedule
        from plans import archiving
        from plans import timeline as plan_timeline

        plan_timeline.register("followup", timeline.item_entries)
        archiving.register_archive_check("followup", services.archive_blockers)
        mail.register_kinds()
        schedule.register_daily("followup.reminders", services.reminders_run, at=datetime.time(7))
        # Bookkeeping, not domain flow: "Mit overblik" tells what changed since the last login.
        user_logged_in.connect(timeline.remember_login, dispatch_uid="followup-visit")
