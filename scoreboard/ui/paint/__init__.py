"""The only code that relies on Textual internals (see `selftest.py`)."""
