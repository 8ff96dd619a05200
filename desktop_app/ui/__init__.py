"""The desktop window and its widgets."""
