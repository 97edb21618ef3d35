"""The committees' work plans ("arbejdsplan"): plan items, cases and topics on a committee's meetings."""
