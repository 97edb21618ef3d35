"""Kursen's benchmarks: plan page against the admin changelist, Excel and extract documents.

Run them all with ``python -m bench`` (``make bench``). They are not part of the test suite
and assert nothing about timing: they print a table of measurements beside the targets.
"""
