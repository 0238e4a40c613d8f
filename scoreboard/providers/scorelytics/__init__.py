"""Scorelytics: REST snapshot, then one socket per match, merged into core models."""
