"""Widgets: they receive data as attributes and report what the rep did as messages."""
