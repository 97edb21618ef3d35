"""Signals the meetings services send, so higher apps can follow the calendar.

`meeting_dated` is sent inside the transaction when a meeting is created or its date or body
changes, before a new meeting's agenda is made from the template: the annual cycle (`cycle`)
places its events on the meeting then, and their agenda items are made with the rest. It is
sent with `dated`, a list of (meeting, previous date: None for a new meeting), and `user`.
A document import (`services.archive_import`) sends it once for all the meetings it dated.
"""

from django.dispatch import Signal

meeting_dated = Signal()
