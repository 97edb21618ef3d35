"""Mail and background tasks: what to send, to whom, when."""
