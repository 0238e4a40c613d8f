"""The match panel, the panel grid, the status bar."""
