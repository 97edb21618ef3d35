"""The annual cycle (årshjul), the committees' work plans, placing events on meetings."""
