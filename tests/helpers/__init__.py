"""What the tests share: driving the real app, chaos runs, snapshot scenes."""
