"""Recordings: every received frame, as it arrived, in a versioned JSONL file.

`format.py` says what a line holds, `writer.py` appends them (`--record`),
`reader.py` reads them back as far as they are valid (`--replay`).
"""
