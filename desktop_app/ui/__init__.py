"""The desktop window and its widgets."""

from desktop_app.jobs.qt_compat import fix_signal_emit_refcount

fix_signal_emit_refcount()
