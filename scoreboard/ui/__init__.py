"""The Textual app: composition, the provider session, panels, screens and painting."""
