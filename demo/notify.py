"""The demo's mail: every demo user has an address, so the agendas sent out, the cases offered
to AU and the minutes approved while the demo is loaded are mailed (to Rasmus Redaktør, AU's
secretary) by the worker that `make run` starts; without EMAIL_HOST it prints them. Lise
Læser has turned off mails about approved minutes on "Mine mails"."""

from __future__ import annotations

from django.contrib.auth.models import User

from notify.services import mail_preferences_save

DOMAIN = "norddjurs.example"  # a reserved name: the demo never mails a real address


def demo_notify(*, users: dict[str, User]) -> dict[str, int]:
    addresses = 0
    for username, user in users.items():
        if not user.email:
            user.email = f"{username}@{DOMAIN}"
            user.save(update_fields=["email"])
            addresses += 1
    if "laeser" in users:
        mail_preferences_save(user=users["laeser"], wanted={"meetings.minutes_approved": False})
    return {"mail_addresses": addresses}
