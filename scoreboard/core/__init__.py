"""The pure core: typed snapshot models, events, derived values, safe text, ids.

Imports nothing of ours outside `core`, and neither websockets, Textual nor Rich
(an import-linter contract in pyproject.toml).
"""
