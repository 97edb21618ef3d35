"""Status rounds ("statusopfølgning"): answers, roll-up review, reminders and reports."""
