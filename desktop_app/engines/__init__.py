"""Engines do the work of a generation: the IACrea cloud or the local CPU engine."""
