"""The Textual app. It asks the store, the domain decides, widgets render."""
