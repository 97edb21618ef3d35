"""The committees' work plans ("arbejdsplan"): items, cases and topics on a committee's meetings."""
