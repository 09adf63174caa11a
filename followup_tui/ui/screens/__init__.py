"""Screens own state changes: they ask the store and hand data to widgets."""
