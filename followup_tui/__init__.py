"""followup-tui: a keyboard-first call queue for inside-sales reps."""

__version__ = "0.1.0"
