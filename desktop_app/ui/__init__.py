"""The desktop window and its widgets."""

from desktop_app.jobs.qt_compat import guard_singletons

guard_singletons()
