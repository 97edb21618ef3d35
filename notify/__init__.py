"""Mail and background tasks: what to send, to whom, when.

notify is the lowest app but danish: it imports only danish and django, and the apps above
reach it through the functions below (and register their kinds and jobs in AppConfig.ready).

Sending a mail (in the background, through Django's mail framework, plain text and HTML)::

    from notify.services import send_mail

    send_mail(
        to=[user, "someone@kommune.dk"],    # users and/or addresses
        subject="Påmindelse: status juni 2025",
        template="status_reminder",          # templates/notify/status_reminder.txt and .html,
                                             # or "followup/mail/reminder" for another folder
        context={"round": "Status juni 2025", "url": "/opfoelgning/3/"},   # JSON values only
        kind="followup.reminder",            # what the user chose on "Mine mails"
        key="followup.reminder:3:2025-06-02",  # optional: sent at most once per address
    )

  Users who declined the kind, and users without an address, are left out. Each recipient gets
  their own message. The templates get the context plus `municipality` (the kommune's name),
  `base_url` (KURSEN_BASE_URL, for absolute links: ``{{ base_url }}{{ url }}``),
  `recipient_name` and `subject`; they may extend "notify/_base.txt" / "notify/_base.html".
  The task is enqueued when the caller's transaction commits; mails asked for in a burst (a
  round's 200 reminders) are sent by one task over one SMTP connection, and mail left waiting
  (the server refused it for now) is retried by the worker's sweep. notify.models.Delivery
  records each recipient's state (pending, sending, sent, failed), attempts, last error (in
  Danish) and next attempt: a temporary failure (server down, 4xx) is tried again later each
  time (a minute, doubling, at most an hour; KURSEN_MAIL_ATTEMPTS attempts), a permanent one
  (5xx) fails at once; the administrators see them all on "Sendte mails" (/sendte-mails/)
  and may send a failed one again. NOTHING CLOSED goes into the context: a mail names and
  links; what it lists is what the public may read.

Choosing what one is mailed about ("Mine mails", /mine-mails/)::

    from notify.preferences import register_kind, wants, wanting

    register_kind("followup.reminder", _("Påmindelser om statusopfølgning"), _("..."))
    wants(user, "followup.reminder")        # True unless the user turned it off (one query)
    wanting(users, "followup.reminder")     # those of the users who want it (one query)

  notify.models.MailPreference holds the choices (user, kind, wanted; no row = wanted).

Daily work (reminders), run by the same worker::

    from notify.schedule import register_daily

    register_daily("followup.reminders", send_reminders, at=datetime.time(7))
    # send_reminders(today: datetime.date) is called once a day, by one worker however many
    # run (each day's run is claimed with a unique DailyRun row); use send_mail(key=...) in it
    # so that a run repeated by hand sends nothing twice.

The worker: `kursen worker` (started by `make run` beside the web server); the backend is the
database (default) or Redis through RQ with KURSEN_TASKS=redis (KURSEN_REDIS_URL).
`kursen worker --once` runs what is due and what is waiting, then stops.
"""
