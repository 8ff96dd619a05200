"""Background work for the window: the poll thread and short-lived workers (QtCore only)."""

from desktop_app.jobs.qt_compat import guard_singletons

guard_singletons()
