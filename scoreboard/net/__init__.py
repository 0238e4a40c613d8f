"""Transport pieces every provider shares: backoff, guarded connect, close and
refusal reasons, URLs (the one loopback rule) and the REST client. Knows only
`core`."""
