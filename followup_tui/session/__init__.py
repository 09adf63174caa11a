"""The rep's working session, without Textual: state and one method per use case."""
