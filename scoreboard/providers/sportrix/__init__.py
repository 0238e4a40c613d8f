"""Sportrix: one multiplexed stream (subscriptions, error attribution) and its wire format."""
