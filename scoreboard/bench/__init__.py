"""`python -m scoreboard.bench`: end-to-end throughput, latency, memory and startup.

Every measured client runs in its own process against a simulator in yet
another process; see `cli.py` for the phases and README.md ("Performance")
for what each figure means. Nothing here is imported by the app.
"""
