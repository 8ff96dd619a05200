"""Files the app ships with (icons, the demo photo); installed as ``desktop_app.resources``."""
