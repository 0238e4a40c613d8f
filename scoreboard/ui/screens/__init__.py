"""Screens: main, add match, detail, diagnostics, help."""
