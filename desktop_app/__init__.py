"""SkyClear: blue skies and clutter-free rooms for real-estate listing photos."""

__version__ = "0.1.0"
APP_NAME = "SkyClear"
