"""Alerts (toast, bell, desktop) and the terminal title, from what the panels show."""
