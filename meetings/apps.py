from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Møder")

    def ready(self) -> None:
        from meetings.selectors import timeline_for_plan_item
        from plans import timeline

        # A plan item's timeline shows the cases that concern it and their decisions per body.
        timeline.register("cases", timeline_for_plan_item)
        from meetings.access import Access
        from plans.selectors import register_decision_access

        # A plan item's history shows a decision's entry only to those who may read the
        # agenda item it was made on.
        register_decision_access(lambda user: Access.for_user(user).content_item_ids)
        from meetings.mail import register_kinds

        # The meetings' mails, chosen per user on "Mine mails".
        register_kinds()
