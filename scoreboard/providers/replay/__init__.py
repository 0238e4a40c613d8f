"""`--replay`: a recording played back through each provider's real decoder, no network."""
