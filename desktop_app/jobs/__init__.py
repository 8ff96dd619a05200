"""Background work for the window: the poll thread and short-lived workers (QtCore only)."""
