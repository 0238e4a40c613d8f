"""What a fan follows: catalogs, following, recent activity, the remembered
session and alerts."""
